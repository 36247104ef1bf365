#!/usr/bin/env bash
# Build time of a model with embedded weights of a few megabytes (docs/embedded-weights.md):
# a 784-1024-512-10 MLP (1.33M parameters, 5.3 MB of float32) built three times each way,
# without and with [EmbeddedWeights], after touching the model's file (the generator re-runs).
#
#   bash benchmarks/build-time/measure.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cat > "$work/BuildTime.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/ModelGen.Runtime/ModelGen.Runtime.csproj" />
    <ProjectReference Include="$repo/src/ModelGen/ModelGen.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <ProjectReference Include="$repo/src/ModelGen.Analyzers/ModelGen.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <AdditionalFiles Include="big.safetensors" />
  </ItemGroup>
</Project>
XML
model() {
  cat > "$work/Model.cs" <<CS
using ModelGen;
[Model(Loss = Loss.SparseCategoricalCrossEntropy)]
[Input(784)]
[Dense(1024, Activation.ReLU)]
[Dense(512, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
$1
public partial class Big;
CS
}
model ""
echo 'ModelGen.IO.SafeTensors.Save(new Big(seed: 1), args[0]);' > "$work/Program.cs"
dotnet build "$work" -c Release -v q -nologo >/dev/null
dotnet run --project "$work" -c Release --no-build -- "$work/big.safetensors"
echo "weights file: $(stat -c %s "$work/big.safetensors") bytes"

time_builds() {
  for run in 1 2 3; do
    touch "$work/Model.cs"
    start=$(date +%s.%N)
    dotnet build "$work" -c Release -v q -nologo >/dev/null
    end=$(date +%s.%N)
    echo "$1 build $run: $(echo "$end - $start" | bc) s"
  done
}
echo 'Console.WriteLine(Big.ParameterCount);' > "$work/Program.cs"
time_builds "without embedding"
model '[EmbeddedWeights("big.safetensors")]'
echo 'var model = Big.FromEmbeddedWeights(); Console.WriteLine(model.Weights[0]);' > "$work/Program.cs"
dotnet build "$work" -c Release -v q -nologo >/dev/null
time_builds "with embedding"
echo "assembly: $(stat -c %s "$work/bin/Release/net10.0/BuildTime.dll") bytes"
