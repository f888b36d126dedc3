using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Pantau.Tests.Infrastructure;

/// <summary>An instance whose log entries a test can read.</summary>
public sealed class LoggedApp : PantauApp
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(new Capture(Entries)));
    }

    private sealed class Capture(ConcurrentQueue<(LogLevel, string, string, Exception?)> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string category) => new Logger(category, entries);
        public void Dispose() { }
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string, Exception?)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => true;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((level, category, formatter(state, exception), exception));
    }

    /// <summary>What was logged as an error or with an exception, one line each: empty when the log is clean.</summary>
    public string Failures() =>
        string.Join("\n", Entries.Where(e => e.Level >= LogLevel.Error || e.Exception is not null).Select(e => $"{e.Level} {e.Category}: {e.Message}"));
}
