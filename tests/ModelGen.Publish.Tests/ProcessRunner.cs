using System.Diagnostics;
using System.Text;

namespace ModelGen.Publish.Tests;

/// <summary>
/// Runs a process to its end or to a time limit, with standard output and error captured together in
/// the order they arrive. Standard input gets the given text, or nothing, and is then closed, so a
/// process that asks for more input fails instead of waiting.
/// </summary>
internal static class ProcessRunner
{
    // A build can leave server processes behind (the compiler server, MSBuild nodes) that inherited
    // its output pipes and keep them open after it exits. What the build wrote is in the pipe by then,
    // so after the exit the runner waits this long for the end of the streams, not for those servers.
    private static readonly TimeSpan s_streamDrainTime = TimeSpan.FromSeconds(5);

    /// <param name="fileName">The executable, a path or a name found on PATH.</param>
    /// <param name="arguments">Arguments, each passed as one argument without shell quoting.</param>
    /// <param name="workingDirectory">The directory the process starts in.</param>
    /// <param name="timeout">After this the process and its children are killed.</param>
    /// <param name="environment">Variables to set on top of this process's; a null value removes one.</param>
    /// <param name="standardInput">Text for the process to read on standard input.</param>
    public static ProcessResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null, string? standardInput = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments) startInfo.ArgumentList.Add(argument);
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) startInfo.Environment.Remove(name);
            else startInfo.Environment[name] = value;
        }

        var output = new StringBuilder();
        var outputEnded = new TaskCompletionSource();
        var errorEnded = new TaskCompletionSource();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(e.Data, outputEnded);
        process.ErrorDataReceived += (_, e) => Append(e.Data, errorEnded);

        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null) process.StandardInput.Write(standardInput);
        process.StandardInput.Close();
        bool exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(s_streamDrainTime);
        }
        stopwatch.Stop();
        Task.WhenAll(outputEnded.Task, errorEnded.Task).Wait(s_streamDrainTime);

        string commandLine = string.Join(' ', [fileName, .. arguments]);
        lock (output) return new ProcessResult(commandLine, exited ? process.ExitCode : null, output.ToString(), stopwatch.Elapsed);

        void Append(string? line, TaskCompletionSource ended)
        {
            if (line is null)
            {
                ended.TrySetResult();
                return;
            }
            lock (output) output.AppendLine(line);
        }
    }
}

/// <summary>How a process ended and what it wrote.</summary>
/// <param name="CommandLine">The command, for messages.</param>
/// <param name="ExitCode">The exit code; null when the process ran past its time limit and was killed.</param>
/// <param name="Output">Standard output and error, interleaved as they arrived.</param>
/// <param name="Elapsed">From start to exit (or to the kill).</param>
internal sealed record ProcessResult(string CommandLine, int? ExitCode, string Output, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Returns this result, or throws with the command and its output when it did not exit with 0.</summary>
    public ProcessResult EnsureSuccess() =>
        Succeeded ? this : throw new InvalidOperationException(ToString());

    public override string ToString()
    {
        string ending = ExitCode is { } code ? $"exited with {code}" : "ran past its time limit and was killed";
        return $"`{CommandLine}` {ending} after {Elapsed.TotalSeconds:F1} s. Output:{Environment.NewLine}{Output}";
    }
}
