using System.Text;
using Microsoft.Extensions.Options;
using Pantau.Web.Infrastructure;

namespace Pantau.Web.Features.Audit;

/// <summary><c>Audit:ChainKey</c>: the secret of the audit hash chain, the same on every instance, kept out of the database's reach.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The key of <c>appsettings.Development.json</c>; refused outside Development.</summary>
    public const string DevelopmentChainKey = "pantau-development-audit-chain-key";

    public string? ChainKey { get; set; }

    public byte[] Key => Encoding.UTF8.GetBytes(ChainKey ?? "");

    public sealed class Validation(IHostEnvironment env) : IValidateOptions<AuditOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuditOptions options) =>
            Secrets.ProblemWith("Audit:ChainKey", options.ChainKey, DevelopmentChainKey, env) is { } problem
                ? ValidateOptionsResult.Fail(problem)
                : ValidateOptionsResult.Success;
    }
}
