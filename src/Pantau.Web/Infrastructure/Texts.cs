using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Pantau.Web.Infrastructure;

/// <summary>
/// Every visible string of the pages, in Bahasa Indonesia and English, chosen by the request's UI culture
/// (<see cref="Localization"/>). Keys are short dotted names; the messages that rules such as
/// <c>StaffScopeRules</c> write in English are keys too, so a page shows them translated. A key that is missing
/// shows as itself.
/// </summary>
public sealed class Texts : IStringLocalizer
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>For <c>&lt;html lang&gt;</c>.</summary>
    public string Language => English ? "en" : "id";

    public LocalizedString this[string name] =>
        Table.TryGetValue(name, out var t) ? new(name, English ? t.En : t.Id) : new(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var s = this[name];
            return new(name, string.Format(CultureInfo.CurrentCulture, s.Value, arguments), s.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => Table.Keys.Select(k => this[k]);

    public bool Has(string key) => Table.ContainsKey(key);

    public static IReadOnlyDictionary<string, (string Id, string En)> All => Table;

    /// <summary>A date as people read it: 30 Jun 2027 (months in the page's language).</summary>
    public string Date(DateOnly d) => d.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    private static readonly Dictionary<string, (string Id, string En)> Table = new(StringComparer.Ordinal)
    {
        // Layout
        ["layout.language"] = ("Bahasa", "Language"),
        ["layout.menu"] = ("Menu utama", "Main menu"),
        ["layout.registry"] = ("Registri WNA", "Registry"),
        ["layout.accounts"] = ("Akun", "Accounts"),
        ["layout.logout"] = ("Keluar", "Sign out"),
        ["home.title"] = ("Selamat datang", "Welcome"),
        ["home.noPages"] = ("Belum ada halaman untuk peran Anda di aplikasi web ini.", "There are no pages for your role in this web app yet."),
        ["notFound.title"] = ("Tidak ditemukan", "Not found"),
        ["notFound.text"] = ("Data yang Anda cari tidak ada atau berada di luar wilayah kerja Anda.",
            "What you are looking for does not exist or lies outside your area."),
        ["form.fix"] = ("Periksa isian yang ditandai di bawah.", "Please check the fields marked below."),
        ["form.fixAbove"] = ("Periksa isian yang ditandai di atas.", "Please check the fields marked above."),
        ["form.cancel"] = ("Batal", "Cancel"),

        // Roles and states
        ["role.NationalAdmin"] = ("Admin nasional (Ditjen)", "National admin (Ditjen)"),
        ["role.RegionalDivision"] = ("Kantor wilayah (Kanwil)", "Regional division (Kanwil)"),
        ["role.OfficeHead"] = ("Kepala Kanim", "Office head"),
        ["role.OfficeAdmin"] = ("Admin kantor", "Office admin"),
        ["role.Officer"] = ("Petugas imigrasi", "Immigration officer"),
        ["role.Partner"] = ("Instansi mitra", "Partner agency"),
        ["role.NeighbourhoodHead"] = ("Ketua RT/RW", "RT/RW head"),
        ["permitType.ITK"] = ("ITK (izin tinggal kunjungan)", "ITK (visit stay)"),
        ["permitType.ITAS"] = ("ITAS (izin tinggal terbatas)", "ITAS (limited stay)"),
        ["permitType.ITAP"] = ("ITAP (izin tinggal tetap)", "ITAP (permanent stay)"),
        ["permitType.Diplomatic"] = ("Izin tinggal diplomatik", "Diplomatic stay permit"),
        ["permitType.Service"] = ("Izin tinggal dinas", "Service stay permit"),
        ["permitStatus.Valid"] = ("Berlaku", "Valid"),
        ["permitStatus.Expiring"] = ("Segera berakhir", "Expiring"),
        ["permitStatus.Expired"] = ("Kedaluwarsa", "Expired"),
        ["permitStatus.Cancelled"] = ("Dibatalkan", "Cancelled"),
        ["sex.Female"] = ("Perempuan", "Female"),
        ["sex.Male"] = ("Laki-laki", "Male"),
        ["residentStatus.Active"] = ("Tinggal aktif", "Resident"),
        ["residentStatus.Departed"] = ("Sudah keluar", "Departed"),
        ["residentStatus.Deceased"] = ("Meninggal", "Deceased"),
        ["residentStatus.Deported"] = ("Dideportasi", "Deported"),

        // Sign-in
        ["login.title"] = ("Masuk", "Sign in"),
        ["login.email"] = ("Email", "Email"),
        ["login.password"] = ("Kata sandi", "Password"),
        ["login.submit"] = ("Masuk", "Sign in"),
        ["login.emailRequired"] = ("Email wajib diisi.", "Email is required."),
        ["login.passwordRequired"] = ("Kata sandi wajib diisi.", "Password is required."),
        ["login.wrong"] = ("Email atau kata sandi salah.", "Email or password is wrong."),
        ["login.lockedOut"] = ("Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi dalam {0} menit.",
            "The account is locked after too many failed attempts. Try again in {0} minutes."),
        ["login.twoFactorIntro"] = ("Akun {0} memakai verifikasi dua langkah. Masukkan kode 6 angka dari aplikasi autentikator.",
            "The account {0} uses two-step verification. Enter the 6-digit code from the authenticator app."),
        ["login.twoFactorCode"] = ("Kode autentikator", "Authenticator code"),
        ["login.codeRequired"] = ("Kode wajib diisi.", "The code is required."),
        ["login.codeWrong"] = ("Kode salah atau sudah tidak berlaku.", "The code is wrong or no longer valid."),
        ["login.twoFactorExpired"] = ("Waktu untuk memasukkan kode habis. Masuk lagi dengan kata sandi.",
            "The time to enter the code ran out. Sign in again with your password."),
        ["login.denied"] = ("Akun Anda tidak berhak membuka halaman itu.", "Your account may not open that page."),
        ["login.toHome"] = ("Ke halaman utama", "Go to the start page"),
        ["login.otherAccount"] = ("Atau masuk dengan akun lain:", "Or sign in with another account:"),
        ["login.signedOut"] = ("Anda telah keluar.", "You have signed out."),

        // Registry search
        ["registry.title"] = ("Registri orang asing", "Foreigner registry"),
        ["registry.query"] = ("Nama, nomor paspor atau nomor izin tinggal", "Name, passport number or permit number"),
        ["registry.queryPlaceholder"] = ("mis. Wang Wei atau E12345678", "e.g. Wang Wei or E12345678"),
        ["registry.search"] = ("Cari", "Search"),
        ["registry.filters"] = ("Saring", "Filters"),
        ["registry.region"] = ("Kode wilayah", "Region code"),
        ["registry.nationality"] = ("Kewarganegaraan", "Nationality"),
        ["registry.permitType"] = ("Jenis izin tinggal", "Permit type"),
        ["registry.anyPermit"] = ("Semua jenis", "Any type"),
        ["registry.expiringBefore"] = ("Izin berakhir sebelum", "Permit expires before"),
        ["registry.apply"] = ("Terapkan", "Apply"),
        ["registry.reset"] = ("Hapus saringan", "Clear"),
        ["registry.intro"] = ("Cari dengan nama (huruf besar/kecil dan tanda diakritik tidak berpengaruh), nomor paspor atau nomor izin tinggal, atau pakai saringan.",
            "Search by name (case and diacritics do not matter), passport number or permit number, or use the filters."),
        ["registry.found"] = ("{0} orang ditemukan", "{0} people found"),
        ["registry.none"] = ("Tidak ada yang cocok di wilayah kerja Anda.", "Nobody matches in your area."),
        ["registry.pages"] = ("Halaman hasil", "Result pages"),
        ["registry.previous"] = ("Sebelumnya", "Previous"),
        ["registry.next"] = ("Berikutnya", "Next"),
        ["registry.pageOf"] = ("Halaman {0} dari {1}", "Page {0} of {1}"),
        ["registry.permitTypeInvalid"] = ("Pilih jenis izin dari daftar.", "Choose a permit type from the list."),
        ["registry.dateInvalid"] = ("Tanggal ditulis tttt-bb-hh.", "A date is written yyyy-mm-dd."),

        // A person
        ["person.back"] = ("Kembali ke pencarian", "Back to the search"),
        ["person.identity"] = ("Identitas", "Identity"),
        ["person.fullName"] = ("Nama lengkap", "Full name"),
        ["person.sex"] = ("Jenis kelamin", "Sex"),
        ["person.dateOfBirth"] = ("Tanggal lahir", "Date of birth"),
        ["person.residentStatus"] = ("Status", "Status"),
        ["person.passport"] = ("Paspor", "Passport"),
        ["person.passports"] = ("Paspor", "Passports"),
        ["person.passportExpired"] = ("Kedaluwarsa", "Expired"),
        ["person.issuingState"] = ("Negara penerbit", "Issuing state"),
        ["person.expiry"] = ("Berlaku sampai", "Valid until"),
        ["person.permit"] = ("Izin tinggal", "Stay permit"),
        ["person.permits"] = ("Izin tinggal", "Stay permits"),
        ["person.noPermits"] = ("Belum ada izin tinggal tercatat.", "No stay permit is recorded."),
        ["person.until"] = ("s.d. {0}", "until {0}"),
        ["person.validity"] = ("Masa berlaku", "Valid"),
        ["person.purpose"] = ("Tujuan", "Purpose"),
        ["person.sponsor"] = ("Penjamin", "Sponsor"),
        ["person.address"] = ("Alamat", "Address"),
        ["person.currentAddress"] = ("Alamat sekarang", "Current address"),
        ["person.noAddress"] = ("Belum ada alamat tercatat.", "No address is recorded."),
        ["person.addressHistory"] = ("Riwayat alamat", "Address history"),
        ["person.fromTo"] = ("{0} – {1}", "{0} – {1}"),
        ["person.sinceNow"] = ("Sejak {0}", "Since {0}"),
        ["person.street"] = ("Jalan", "Street"),
        ["person.rwrt"] = ("RW / RT", "RW / RT"),
        ["person.village"] = ("Kelurahan/desa", "Village"),
        ["person.district"] = ("Kecamatan", "District"),
        ["person.regency"] = ("Kabupaten/kota", "Regency/city"),
        ["person.province"] = ("Provinsi", "Province"),

        // Accounts
        ["accounts.title"] = ("Akun pengguna", "User accounts"),
        ["accounts.new"] = ("Akun baru", "New account"),
        ["accounts.newTitle"] = ("Buat akun", "Create an account"),
        ["accounts.editTitle"] = ("Ubah peran dan wilayah", "Change role and area"),
        ["accounts.search"] = ("Cari akun", "Search accounts"),
        ["accounts.searchPlaceholder"] = ("Nama atau email", "Name or email"),
        ["accounts.searchButton"] = ("Cari", "Search"),
        ["accounts.count"] = ("{0} akun", "{0} accounts"),
        ["accounts.limited"] = ("Hanya {0} akun pertama yang ditampilkan; persempit pencarian.", "Only the first {0} accounts are shown; narrow the search."),
        ["accounts.email"] = ("Email", "Email"),
        ["accounts.fullName"] = ("Nama lengkap", "Full name"),
        ["accounts.initialPassword"] = ("Kata sandi awal", "Initial password"),
        ["accounts.passwordHint"] = ("Minimal 8 karakter dengan huruf besar, huruf kecil, angka dan simbol. Sampaikan secara langsung kepada pemilik akun.",
            "At least 8 characters with upper and lower case letters, a digit and a symbol. Hand it to the account holder in person."),
        ["accounts.role"] = ("Peran", "Role"),
        ["accounts.office"] = ("Kantor", "Office"),
        ["accounts.noOffice"] = ("— tanpa kantor —", "— no office —"),
        ["accounts.officeHint"] = ("Kantor tempat petugas bekerja, atau kantor yang mengelola akun mitra dan RT/RW.",
            "The office the staff member works for, or the office that manages a partner or RT/RW account."),
        ["accounts.province"] = ("Kode provinsi", "Province code"),
        ["accounts.districts"] = ("Kode kecamatan", "Kecamatan codes"),
        ["accounts.districtsHint"] = ("Satu atau lebih, dipisah koma, mis. 31.74.02, 31.74.03.", "One or more, separated by commas, e.g. 31.74.02, 31.74.03."),
        ["accounts.village"] = ("Kode kelurahan/desa", "Village code"),
        ["accounts.rt"] = ("RT (kosongkan untuk ketua RW)", "RT (empty for an RW head)"),
        ["accounts.create"] = ("Buat akun", "Create account"),
        ["accounts.save"] = ("Simpan", "Save"),
        ["accounts.rescope"] = ("Ubah peran/wilayah", "Change role/area"),
        ["accounts.rescopeHint"] = ("Perubahan berlaku seketika; akun ini keluar dari sesi lainnya.", "The change applies at once; the account is signed out of its other sessions."),
        ["accounts.disable"] = ("Nonaktifkan", "Disable"),
        ["accounts.enable"] = ("Aktifkan", "Enable"),
        ["accounts.stateActive"] = ("Aktif", "Active"),
        ["accounts.stateDisabled"] = ("Nonaktif", "Disabled"),
        ["accounts.stateLocked"] = ("Terkunci", "Locked"),
        ["accounts.created"] = ("Akun {0} dibuat.", "Account {0} created."),
        ["accounts.rescoped"] = ("Peran dan wilayah {0} diubah.", "Role and area of {0} changed."),
        ["accounts.disabled"] = ("Akun {0} dinonaktifkan.", "Account {0} disabled."),
        ["accounts.enabled"] = ("Akun {0} diaktifkan.", "Account {0} enabled."),
        ["accounts.notSelf"] = ("Anda tidak dapat menonaktifkan akun Anda sendiri.", "You cannot disable your own account."),

        // Identity's password and user errors, by code
        ["identity.DefaultError"] = ("Terjadi kesalahan.", "Something went wrong."),
        ["identity.DuplicateEmail"] = ("Sudah ada akun dengan email ini.", "An account with this email exists."),
        ["identity.DuplicateUserName"] = ("Sudah ada akun dengan email ini.", "An account with this email exists."),
        ["identity.InvalidEmail"] = ("Alamat email tidak valid.", "The email address is not valid."),
        ["identity.InvalidUserName"] = ("Email hanya boleh berisi huruf, angka dan -._@+.", "An email may hold only letters, digits and -._@+."),
        ["identity.PasswordTooShort"] = ("Kata sandi minimal {0} karakter.", "The password has at least {0} characters."),
        ["identity.PasswordRequiresNonAlphanumeric"] = ("Kata sandi harus memuat simbol (mis. # atau !).", "The password needs a symbol (such as # or !)."),
        ["identity.PasswordRequiresDigit"] = ("Kata sandi harus memuat angka.", "The password needs a digit."),
        ["identity.PasswordRequiresLower"] = ("Kata sandi harus memuat huruf kecil.", "The password needs a lower-case letter."),
        ["identity.PasswordRequiresUpper"] = ("Kata sandi harus memuat huruf besar.", "The password needs an upper-case letter."),
        ["identity.PasswordRequiresUniqueChars"] = ("Kata sandi harus memuat sedikitnya {0} karakter berbeda.", "The password needs at least {0} different characters."),

        // The rules' own messages (StaffScopeRules, RegistryQueries.Check, the account form), keyed by their English text
        ["A role is required."] = ("Peran wajib dipilih.", "A role is required."),
        ["A valid email address is required."] = ("Email yang valid wajib diisi.", "A valid email address is required."),
        ["A name of up to 200 characters is required."] = ("Nama wajib diisi, paling banyak 200 karakter.", "A name of up to 200 characters is required."),
        ["An initial password is required."] = ("Kata sandi awal wajib diisi.", "An initial password is required."),
        ["An account with this email exists."] = ("Sudah ada akun dengan email ini.", "An account with this email exists."),
        ["Only the national admin gives this role."] = ("Hanya admin nasional yang dapat memberi peran ini.", "Only the national admin gives this role."),
        ["An office is required for this role."] = ("Peran ini wajib memiliki kantor.", "An office is required for this role."),
        ["You manage the accounts of your own office only."] = ("Anda hanya mengelola akun kantor Anda sendiri.", "You manage the accounts of your own office only."),
        ["There is no such office."] = ("Kantor tidak ditemukan.", "There is no such office."),
        ["The national admin has no office."] = ("Admin nasional tidak memiliki kantor.", "The national admin has no office."),
        ["A province code such as 36 is required."] = ("Kode provinsi (mis. 36) wajib diisi.", "A province code such as 36 is required."),
        ["Only a regional division has a province."] = ("Hanya kantor wilayah yang memiliki provinsi; kosongkan isian ini.", "Only a regional division has a province."),
        ["At least one kecamatan code is required."] = ("Sedikitnya satu kode kecamatan wajib diisi.", "At least one kecamatan code is required."),
        ["There is no such kecamatan."] = ("Kecamatan tidak ditemukan.", "There is no such kecamatan."),
        ["This kecamatan is outside your office's jurisdiction."] = ("Kecamatan ini di luar wilayah kerja kantor Anda.", "This kecamatan is outside your office's jurisdiction."),
        ["Only a partner agency has kecamatan."] = ("Hanya instansi mitra yang memiliki kecamatan; kosongkan isian ini.", "Only a partner agency has kecamatan."),
        ["There is no such village."] = ("Kelurahan/desa tidak ditemukan.", "There is no such village."),
        ["This village is outside your office's jurisdiction."] = ("Kelurahan/desa ini di luar wilayah kerja kantor Anda.", "This village is outside your office's jurisdiction."),
        ["RW is a number from 1 to 999."] = ("RW berupa angka 1 sampai 999.", "RW is a number from 1 to 999."),
        ["RT is a number from 1 to 999."] = ("RT berupa angka 1 sampai 999.", "RT is a number from 1 to 999."),
        ["Only an RT/RW head has a village."] = ("Hanya ketua RT/RW yang memiliki kelurahan/desa; kosongkan isian ini.", "Only an RT/RW head has a village."),
        ["Only an RT/RW head has an RW."] = ("Hanya ketua RT/RW yang memiliki RW; kosongkan isian ini.", "Only an RT/RW head has an RW."),
        ["Only an RT head has an RT."] = ("Hanya ketua RT yang memiliki RT; kosongkan isian ini.", "Only an RT head has an RT."),
        ["Pages start at 1."] = ("Halaman dimulai dari 1.", "Pages start at 1."),
        ["A page holds 1 to 100 people."] = ("Satu halaman memuat 1 sampai 100 orang.", "A page holds 1 to 100 people."),
        ["A region code looks like 31, 31.74, 31.74.02 or 31.74.02.1001."] = ("Kode wilayah berbentuk 31, 31.74, 31.74.02 atau 31.74.02.1001.",
            "A region code looks like 31, 31.74, 31.74.02 or 31.74.02.1001."),
        ["The nationality must be an ISO 3166-1 alpha-3 code."] = ("Kewarganegaraan ditulis dengan kode ISO 3166-1 alpha-3, mis. CHN.",
            "The nationality must be an ISO 3166-1 alpha-3 code."),
        ["The query is at most 200 characters."] = ("Kata pencarian paling banyak 200 karakter.", "The query is at most 200 characters."),
    };
}
