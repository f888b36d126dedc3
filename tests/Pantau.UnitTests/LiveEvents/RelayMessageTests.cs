using System.Text;
using System.Text.Json;
using Pantau.Web.Features.LiveEvents;

namespace Pantau.UnitTests.LiveEvents;

public sealed class RelayMessageTests
{
    private static readonly Guid Instance = Guid.NewGuid();

    [Fact]
    public void An_event_travels_whole_with_its_sender()
    {
        var e = new LiveEvent(Kinds.Report, 42, 7, """{"ticket":"PNT-1","description":"Warga asing — \"Überstay\" 🙂","latitude":-6.2}""");
        var payload = RelayMessage.Encode(Instance, e);
        var message = RelayMessage.Decode(payload);
        Assert.Equal(Instance, message.From);
        Assert.False(message.IsReference);
        Assert.Equal(e, message.Event);
        // The data is embedded as JSON, not escaped into a string: a NOTIFY payload stays close to the event's size.
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(payload).RootElement.GetProperty("data").ValueKind);
    }

    [Theory]
    [InlineData("x", 9000)]   // ASCII over the limit
    [InlineData("€", 2700)]   // 2,700 characters but 8,100 bytes: the limit counts bytes
    public void An_event_too_large_to_notify_travels_as_a_reference(string unit, int count)
    {
        var e = new LiveEvent(Kinds.Position, 9, 3, JsonSerializer.Serialize(new { note = string.Concat(Enumerable.Repeat(unit, count)) }));
        var payload = RelayMessage.Encode(Instance, e);
        Assert.True(Encoding.UTF8.GetByteCount(payload) < RelayMessage.NotifyLimit);
        var message = RelayMessage.Decode(payload);
        Assert.True(message.IsReference);
        Assert.Null(message.Event);
        Assert.Equal((Instance, Kinds.Position, 9L, 3), (message.From, message.Kind, message.Id, message.OfficeId));
    }

    [Fact]
    public void An_event_just_under_the_limit_travels_whole()
    {
        var empty = RelayMessage.Encode(Instance, new LiveEvent(Kinds.Position, 9, 3, """{"note":""}"""));
        var room = RelayMessage.NotifyLimit - 1 - Encoding.UTF8.GetByteCount(empty);
        var e = new LiveEvent(Kinds.Position, 9, 3, $$"""{"note":"{{new string('x', room)}}"}""");
        var payload = RelayMessage.Encode(Instance, e);
        Assert.Equal(RelayMessage.NotifyLimit - 1, Encoding.UTF8.GetByteCount(payload));
        Assert.Equal(e, RelayMessage.Decode(payload).Event);
        Assert.True(RelayMessage.Decode(RelayMessage.Encode(Instance, e with { Data = $$"""{"note":"{{new string('x', room + 1)}}"}""" })).IsReference);
    }

    [Fact]
    public void Data_that_is_not_json_is_refused_when_encoded()
    {
        // The relay logs and skips such an event (it catches these two): one bad event must not stop the ones after it.
        var refused = Record.Exception(() => RelayMessage.Encode(Instance, new LiveEvent(Kinds.Report, 1, 1, "not json")));
        Assert.True(refused is ArgumentException or JsonException, refused?.GetType().Name);
    }
}
