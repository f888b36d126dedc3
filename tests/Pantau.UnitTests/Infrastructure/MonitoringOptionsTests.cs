using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Pantau.Web.Infrastructure;

namespace Pantau.UnitTests.Infrastructure;

public sealed class MonitoringOptionsTests
{
    private static readonly HostingEnvironment Production = new() { EnvironmentName = Environments.Production };

    [Fact]
    public void An_empty_meter_name_stops_the_start_naming_the_setting()
    {
        var result = new MonitoringOptions.Validation(Production).Validate(null, new MonitoringOptions { MeterName = " " });
        Assert.True(result.Failed);
        Assert.Contains("Monitoring:MeterName", result.FailureMessage);
    }

    [Fact]
    public void Left_out_the_meter_is_Pantau_and_no_metrics_token_is_needed()
    {
        var options = new MonitoringOptions();
        Assert.Equal("Pantau", options.MeterName);
        Assert.True(new MonitoringOptions.Validation(Production).Validate(null, options).Succeeded);
    }
}
