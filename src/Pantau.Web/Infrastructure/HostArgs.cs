namespace Pantau.Web.Infrastructure;

public static class HostArgs
{
    /// <summary>
    /// The app's and the commands' arguments, with configuration files read once instead of watched. To reload
    /// <c>appsettings*.json</c> on change, .NET 10 watches the whole content root with a recursive file watcher, and the
    /// SQLite database lives under it (<c>data/</c>): every write to the database and its WAL then woke the watcher,
    /// which looked the file up (half of a snapshot import's system time). A setting changes with a restart.
    /// Given later, <c>--hostBuilder:reloadConfigOnChange=true</c> still turns the watcher on.
    /// </summary>
    public static string[] WithoutConfigWatch(string[] args) => ["--hostBuilder:reloadConfigOnChange=false", .. args];
}
