namespace Pantau.Web.Features.Lodging;

/// <summary>
/// The codes Lodging' rules and API answer with (keys of <c>Resources/LodgingTexts.resx</c>): the page translates them, the
/// API writes them beside their English text.
/// </summary>
public static class LodgingCodes
{
    /// <summary>The lodging's name is required, at most 200 characters, without markup.</summary>
    public const string LodgingNameRequiredMost = "lodging.lodgingNameRequiredMost";
    /// <summary>The kind of lodging is required (Hotel, GuestHouse, Landlord).</summary>
    public const string KindLodgingRequiredHotel = "lodging.kindLodgingRequiredHotel";
    /// <summary>No immigration office covers this village yet.</summary>
    public const string NoImmigrationOfficeCovers = "lodging.noImmigrationOfficeCovers";
    /// <summary>The street address is required, at most 300 characters.</summary>
    public const string StreetAddressRequiredMost = "lodging.streetAddressRequiredMost";
    /// <summary>The contact person's name is required, at most 200 characters.</summary>
    public const string ContactPersonNameRequired = "lodging.contactPersonNameRequired";
    /// <summary>An Indonesian mobile number such as 0812 3456 7890 is required.</summary>
    public const string IndonesianMobileNumberSuch = "lodging.indonesianMobileNumberSuch";
    /// <summary>A password is required.</summary>
    public const string PasswordRequired = "lodging.passwordRequired";
    /// <summary>Say whether the lodging is verified (approve true) or rejected (false).</summary>
    public const string SayWhetherLodgingVerified = "lodging.sayWhetherLodgingVerified";
    /// <summary>The note is at most 500 characters.</summary>
    public const string NoteMost500Characters = "lodging.noteMost500Characters";
    /// <summary>The lodging's account opens once {0} verifies the registration.</summary>
    public const string AwaitingVerification = "lodging.awaitingVerification";
    /// <summary>{0} did not verify the registration: {1}</summary>
    public const string RegistrationRejected = "lodging.registrationRejected";
    /// <summary>A rejection says why.</summary>
    public const string RejectionSaysWhy = "lodging.rejectionSaysWhy";
    /// <summary>The guest's name is at most 200 characters, without markup.</summary>
    public const string GuestNameMost200 = "lodging.guestNameMost200";
    /// <summary>The room or unit is required, at most 50 characters.</summary>
    public const string RoomUnitRequiredMost = "lodging.roomUnitRequiredMost";
    /// <summary>The check-in date is required.</summary>
    public const string CheckDateRequired = "lodging.checkDateRequired";
    /// <summary>The check-in date is within the past year and not after tomorrow.</summary>
    public const string CheckDateWithinPast = "lodging.checkDateWithinPast";
    /// <summary>The planned check-out is on or after the check-in date, within two years.</summary>
    public const string PlannedCheckOutAfter = "lodging.plannedCheckOutAfter";
    /// <summary>The check-out date is required.</summary>
    public const string CheckOutDateRequired = "lodging.checkOutDateRequired";
    /// <summary>The check-out date is on or after the check-in date and not after tomorrow.</summary>
    public const string CheckOutDateAfter = "lodging.checkOutDateAfter";
    /// <summary>A date is written 2026-11-22 or 22/11/2026.</summary>
    public const string DateWritten202611 = "lodging.dateWritten202611";
    /// <summary>The file is empty.</summary>
    public const string FileEmpty = "lodging.fileEmpty";
    /// <summary>The first line names the columns: passportNumber, nationality, room, checkIn (and optionally guestName, plannedCheckOut, checkOut).</summary>
    public const string FirstLineNamesColumns = "lodging.firstLineNamesColumns";
    /// <summary>The file is at most 2 MB.</summary>
    public const string FileMost2MB = "lodging.fileMost2MB";
    /// <summary>Choose a CSV file.</summary>
    public const string ChooseCSVFile = "lodging.chooseCSVFile";
    /// <summary>Say what was done, in 3 to 500 characters.</summary>
    public const string SayWhatWasDone = "lodging.sayWhatWasDone";
    /// <summary>This registration was decided already.</summary>
    public const string RegistrationDecidedAlready = "lodging.registrationDecidedAlready";
    /// <summary>This flag was resolved already.</summary>
    public const string FlagResolvedAlready = "lodging.flagResolvedAlready";
    /// <summary>A file holds at most {0} guests.</summary>
    public const string FileTooManyGuests = "lodging.fileTooManyGuests";
}
