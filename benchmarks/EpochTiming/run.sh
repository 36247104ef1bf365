#!/usr/bin/env bash
# Builds and runs the epoch-timing comparison of docs/benchmarks.md ("Training time per epoch"):
# three Fashion-MNIST models trained for one epoch with TorchSharp (libtorch, CPU) and with ModelGen,
# in one process. Arguments go to the program; --help lists them.
#
# The build itself makes TorchSharp's native library loadable on Debian 12 (benchmarks/Directory.Build.targets
# runs benchmarks/tools/patch-libtorchsharp.sh on the copy in the output folder), so plain `dotnet run` works too.
set -euo pipefail
cd "$(dirname "$0")/../.."

# The data set, from Debian's package, as .ci/run installs it.
if [ ! -d /usr/share/datasets/fashion-mnist ] && command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y -qq dataset-fashion-mnist >/dev/null 2>&1 ||
    { $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq dataset-fashion-mnist >/dev/null; }
fi

dotnet build -c Release --nologo -v quiet benchmarks/EpochTiming/EpochTiming.csproj
exec dotnet benchmarks/EpochTiming/bin/Release/net10.0/EpochTiming.dll "$@"
