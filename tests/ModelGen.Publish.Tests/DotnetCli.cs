using System.Collections;

namespace ModelGen.Publish.Tests;

/// <summary>
/// Runs the <c>dotnet</c> CLI as a child process in an environment of its own: the one a user's
/// shell would give it, not the one <c>dotnet test</c> gives this test process.
/// </summary>
internal static class DotnetCli
{
    // The muxer that runs this test run when `dotnet test` says which; otherwise the one on PATH.
    private static readonly string s_dotnet =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } host && File.Exists(host) ? host : "dotnet";

    /// <param name="workingDirectory">Where the command runs; it finds global.json and nuget.config from there.</param>
    /// <param name="arguments">The command and its arguments, such as <c>["build", "-c", "Release"]</c>.</param>
    /// <param name="timeout">After this the command and its children are killed.</param>
    /// <param name="environment">Further variables, such as <c>NUGET_PACKAGES</c>; a null value removes one.</param>
    public static ProcessResult Run(string workingDirectory, IReadOnlyList<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        Dictionary<string, string?> childEnvironment = ChildEnvironment();
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
            childEnvironment[name] = value;
        return ProcessRunner.Run(s_dotnet, arguments, workingDirectory, timeout, childEnvironment);
    }

    private static Dictionary<string, string?> ChildEnvironment()
    {
        var environment = new Dictionary<string, string?>();
        // `dotnet test` runs this process under MSBuild, which leaves variables such as
        // MSBuildExtensionsPath, MSBuildSDKsPath and MSBUILD_EXE_PATH behind; a child `dotnet build`
        // would take them as its own and load the wrong SDK parts.
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            string name = (string)variable.Key;
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)) environment[name] = null;
        }
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        // No MSBuild worker nodes outliving the command (and holding its output pipes open).
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        return environment;
    }
}
