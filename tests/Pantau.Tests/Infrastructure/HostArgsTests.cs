using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Pantau.Tests.Infrastructure;

public sealed class HostArgsTests
{
    /// <summary>The database lives under the content root: a watcher on it would wake on every write.</summary>
    [Fact]
    public void The_configuration_files_are_read_once_not_watched()
    {
        using var app = new PantauApp();
        var files = ((IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>()).Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.Contains(files, f => f.Source.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, f.Source.Path));
    }
}
