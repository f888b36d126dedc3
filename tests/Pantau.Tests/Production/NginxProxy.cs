using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using Pantau.Tests.Infrastructure;

namespace Pantau.Tests.Production;

/// <summary>
/// nginx as a child process, running the site of deploy/nginx/pantau.conf with only the machine-specific parts
/// replaced: the instances' ports, loopback listen ports, a self-signed certificate made now with openssl, and its
/// pid, log and temporary files in a folder of its own.
/// </summary>
public sealed partial class NginxProxy : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();

    private NginxProxy(Process process, string folder, int httpsPort, int httpPort, X509Certificate2 certificate)
    {
        _process = process;
        _folder = folder;
        Https = new Uri($"https://127.0.0.1:{httpsPort}");
        Http = new Uri($"http://127.0.0.1:{httpPort}");
        Certificate = certificate;
    }

    public Uri Https { get; }
    public Uri Http { get; }
    public X509Certificate2 Certificate { get; }

    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    public static async Task<NginxProxy> StartAsync(IReadOnlyList<int> instancePorts)
    {
        var folder = Directory.CreateTempSubdirectory("pantau-nginx-").FullName;
        foreach (var sub in new[] { "logs", "body", "proxy", "fastcgi", "uwsgi", "scgi" }) Directory.CreateDirectory(Path.Combine(folder, sub));
        Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", Path.Combine(folder, "privkey.pem"), "-out", Path.Combine(folder, "fullchain.pem"));
        var (httpsPort, httpPort) = (AppProcess.FreePort(), AppProcess.FreePort());

        var site = File.ReadAllText(SiteFile());
        // The instances on their ports, with the site's own health parameters.
        var health = UpstreamServers().Match(site).Groups["health"].Value;
        var servers = string.Concat(instancePorts.Select(p => $"    server 127.0.0.1:{p}{health}\n"));
        site = UpstreamServers().Replace(site, "");
        site = site.Replace("upstream pantau {\n", "upstream pantau {\n" + servers, StringComparison.Ordinal);
        site = IPv6Listen().Replace(site, "");
        site = site.Replace("listen 80;", $"listen 127.0.0.1:{httpPort};", StringComparison.Ordinal)
            .Replace("listen 443 ssl http2;", $"listen 127.0.0.1:{httpsPort} ssl http2;", StringComparison.Ordinal)
            .Replace("/etc/ssl/pantau/", folder + "/", StringComparison.Ordinal);
        Assert.Contains(servers, site);
        File.WriteAllText(Path.Combine(folder, "site.conf"), site);
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            worker_processes 2;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log {{folder}}/logs/access.log;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/site.conf;
            }
            """);
        var process = new Process
        {
            StartInfo = new ProcessStartInfo("nginx", ["-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;"])
            { RedirectStandardError = true, RedirectStandardOutput = true },
        };
        process.Start();
        var proxy = new NginxProxy(process, folder, httpsPort, httpPort, X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "fullchain.pem")));
        process.ErrorDataReceived += (_, e) => { lock (proxy._output) proxy._output.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"nginx stopped:\n{proxy._output}{proxy.ErrorLog}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, httpsPort);
                return proxy;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new InvalidOperationException("nginx did not listen within ten seconds.");
    }

    /// <summary>
    /// A client of the site over HTTPS that trusts only the generated certificate, connecting from
    /// <paramref name="from"/> (another loopback address: the client's address is then not nginx's).
    /// </summary>
    public HttpClient Client(string from = "127.0.0.1")
    {
        var local = IPAddress.Parse(from);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == Certificate.GetCertHashString(),
            },
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // No timeout: streams stay open; the facts bound their waits with hang guards.
        return new HttpClient(handler) { BaseAddress = Https, Timeout = Timeout.InfiniteTimeSpan };
    }

    private static string SiteFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "deploy", "nginx", "pantau.conf");
            if (File.Exists(file)) return file;
        }
        throw new FileNotFoundException("deploy/nginx/pantau.conf was not found above the test's folder.");
    }

    private static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {error}");
    }

    [GeneratedRegex(@"^\s*server 127\.0\.0\.1:\d+(?<health> .*)\n", RegexOptions.Multiline)]
    private static partial Regex UpstreamServers();

    [GeneratedRegex(@"^\s*listen \[::\].*\n", RegexOptions.Multiline)]
    private static partial Regex IPv6Listen();

    /// <summary>The master's children: its worker processes.</summary>
    public IReadOnlyList<int> Workers() =>
        [.. File.ReadAllText($"/proc/{_process.Id}/task/{_process.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // The workers with it: a master killed alone leaves them running, holding the ports.
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        Certificate.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
