#!/usr/bin/env bash
# Builds benchmarks/ModelGen.Benchmarks in Release and runs it: by default the framework comparison
# of docs/benchmarks.md (ModelGen, ONNX Runtime and libtorch on every compared model, 1 thread and
# every core), the one-core FMA peak the comparison's percentages divide by and the time to read the
# MNIST MLP's first kernel from L2 (the floor under its one-sample latency). Arguments replace
# that default and go to BenchmarkDotNet as they are, e.g.
#   benchmarks/run.sh --filter '*FrameworkComparison<LeNet>*' '*FmaPeak*'
#   benchmarks/run.sh --filter '*ConvolutionBenchmarks*'
#   benchmarks/run.sh --list flat
# The comparison's table is printed at the end and written to
# BenchmarkDotNet.Artifacts/results/framework-comparison.md.
#
# The project is not in ModelGen.sln (it brings libtorch); its build makes TorchSharp's native library
# loadable on Debian 12 (benchmarks/tools/TorchSharpOnDebian.targets).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build -c Release --nologo -v quiet benchmarks/ModelGen.Benchmarks/ModelGen.Benchmarks.csproj
if [ "$#" -eq 0 ]; then
  set -- --filter '*FrameworkComparison*' '*FmaPeakBenchmarks*' '*KernelStreamBenchmarks*'
fi
exec dotnet benchmarks/ModelGen.Benchmarks/bin/Release/net10.0/ModelGen.Benchmarks.dll "$@"
