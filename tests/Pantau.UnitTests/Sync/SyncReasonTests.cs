using Pantau.Web.Features.Sync;
using Pantau.Web.Infrastructure;

namespace Pantau.UnitTests.Sync;

public sealed class SyncReasonTests
{
    [Fact]
    public void A_stored_reason_reads_back_in_either_language()
    {
        var stored = new SyncReason("permit.number", SyncCodes.ReasonNoSuchPermit, "KT-1/2").Stored;

        Assert.Equal("permit.number: the person holds no permit KT-1/2", SyncReason.Text(stored, TextCatalog.English));
        Assert.Equal("permit.number: orang ini tidak memegang izin KT-1/2", SyncReason.Text(stored, TextCatalog.Indonesian));
        Assert.Equal(("permit.number", SyncCodes.ReasonNoSuchPermit), (SyncReason.CodeOf(stored)!.Field, SyncReason.CodeOf(stored)!.Code));
        Assert.Equal(["KT-1/2"], SyncReason.CodeOf(stored)!.Args);
    }

    [Fact]
    public void A_reason_stored_as_text_before_codes_is_shown_as_it_is()
    {
        Assert.Equal("sex: required (Female or Male)", SyncReason.Text("sex: required (Female or Male)", TextCatalog.Indonesian));
        Assert.Null(SyncReason.CodeOf("sex: required (Female or Male)"));
        Assert.Null(SyncReason.Text(null, TextCatalog.English));
        Assert.Equal("{not json", SyncReason.Text("{not json", TextCatalog.English));
    }

    [Fact]
    public void Arguments_from_the_central_system_are_cut_to_fit_the_column()
    {
        var stored = new SyncReason("event", SyncCodes.ReasonMalformed, "$." + new string('a', 5_000), new string('\u0001', 5_000)).Stored;

        Assert.True(stored.Length <= SyncReason.MaxStoredLength, $"{stored.Length} characters");
        Assert.StartsWith("event: cannot be read at $.aaa", SyncReason.Text(stored, TextCatalog.English));
    }
}
