#!/usr/bin/env bash
# The consumer test: pack the Relaxnative package, create a fresh console application in a temporary folder that
# references only that package, and in each publish mode run it from another working directory. The application
# (Program.cs) loads kernel.c and calls it in-process, on a worker thread (async) and in the helper process, where a
# crash is caught. Self-contained modes run with no dotnet on PATH.
#
#   tests/consumer/run.sh                 # the CI set: build fd sc-r2r trimmed-single aot
#   tests/consumer/run.sh fd single       # only these (also: r2r sc trimmed single, one property each)
#
# Package downloads (runtime packs, crossgen, the AOT compiler) land in the usual NuGet cache and are shared by every
# mode and every run; the package under test gets a unique version, so a cached copy is never used instead.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
here="$repo/tests/consumer"
modes=("$@")
# The CI set covers every publish property with five publishes: self-contained with ReadyToRun, and trimmed with
# single-file, each in one publish (the helper starts the same way in both halves of a pair).
[ ${#modes[@]} -gt 0 ] || modes=(build fd sc-r2r trimmed-single aot)
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work="$(mktemp -d)"
version="0.0.0-consumer.$(date +%s).$$"
nuget_cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() { rm -rf "$work" "$nuget_cache/relaxnative/$version"; }
trap cleanup EXIT

started=$SECONDS
log() { printf '== consumer [%3ds] %s\n' $((SECONDS - started)) "$*"; }

log "pack Relaxnative $version"
dotnet pack "$repo/src/Relaxnative" -c Release -o "$work/packages" -p:PackageVersion="$version" -v quiet -nologo >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log"; exit 1; }

# A fresh console application: the project file a `dotnet new console` makes, plus the one package reference.
app="$work/template"
mkdir -p "$app"
cat >"$app/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Relaxnative" Version="$version" />
    <None Include="kernel.c" CopyToOutputDirectory="PreserveNewest" CopyToPublishDirectory="PreserveNewest" />
  </ItemGroup>
</Project>
XML
cat >"$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="Relaxnative" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
cp "$here/Program.cs" "$here/kernel.c" "$app/"

# PATH without dotnet, for self-contained modes: every program in /usr/bin except dotnet (the C compiler stays).
nodotnet="$work/nodotnet-bin"
mkdir -p "$nodotnet"
for program in /usr/bin/* /usr/local/bin/*; do
  name="$(basename "$program")"
  [ "$name" = dotnet ] || [ -e "$nodotnet/$name" ] || ln -s "$program" "$nodotnet/$name"
done

elsewhere="$work/elsewhere"
mkdir -p "$elsewhere"
export RELAXNATIVE_CACHE_DIR="$work/cache"

publish() { # mode, then dotnet publish arguments
  local mode="$1"; shift
  cp -r "$app" "$work/$mode"
  if ! dotnet publish "$work/$mode/Consumer.csproj" -c Release -o "$work/$mode/out" -nologo -v quiet "$@" >"$work/$mode.log" 2>&1; then
    cat "$work/$mode.log"
    return 1
  fi
}

run() { # mode, executable, with-dotnet|without-dotnet, then extra arguments for the application
  local mode="$1" exe="$2" path="$PATH"
  [ "$3" = without-dotnet ] && path="$nodotnet"
  (cd "$elsewhere" && env -u DOTNET_ROOT -u DOTNET_HOST_PATH PATH="$path" "$exe" "$mode" "${@:4}")
}

failed=()
for mode in "${modes[@]}"; do
  t0=$SECONDS
  case "$mode" in
    build) # dotnet build output, as dotnet run uses it
      cp -r "$app" "$work/$mode"
      dotnet build "$work/$mode/Consumer.csproj" -c Release -o "$work/$mode/out" -nologo -v quiet >"$work/$mode.log" 2>&1 || { cat "$work/$mode.log"; false; } \
        && run "$mode" "$work/$mode/out/Consumer" with-dotnet || failed+=("$mode") ;;
    fd) # framework-dependent publish
      publish "$mode" && run "$mode" "$work/$mode/out/Consumer" with-dotnet || failed+=("$mode") ;;
    r2r) # ReadyToRun, framework-dependent
      publish "$mode" -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
        && run "$mode" "$work/$mode/out/Consumer" with-dotnet || failed+=("$mode") ;;
    sc) # self-contained: no dotnet on PATH
      publish "$mode" -r linux-x64 --self-contained true \
        && run "$mode" "$work/$mode/out/Consumer" without-dotnet || failed+=("$mode") ;;
    trimmed) # self-contained and trimmed: no dotnet on PATH. The trimmer warns, as it should, at the calls that emit
             # stubs and about the startup hook (docs/packaging.md); warnings are listed, not errors, here.
      publish "$mode" -r linux-x64 --self-contained true -p:PublishTrimmed=true -p:TreatWarningsAsErrors=false \
        && run "$mode" "$work/$mode/out/Consumer" without-dotnet || failed+=("$mode") ;;
    single) # self-contained single file: no dotnet on PATH, nothing beside it but kernel.c
      publish "$mode" -r linux-x64 --self-contained true -p:PublishSingleFile=true \
        && run "$mode" "$work/$mode/out/Consumer" without-dotnet || failed+=("$mode") ;;
    sc-r2r) # self-contained and ReadyToRun: no dotnet on PATH
      publish "$mode" -r linux-x64 --self-contained true -p:PublishReadyToRun=true \
        && run "$mode" "$work/$mode/out/Consumer" without-dotnet || failed+=("$mode") ;;
    trimmed-single) # trimmed single file: no dotnet on PATH, nothing beside it but kernel.c; trim warnings listed
      publish "$mode" -r linux-x64 --self-contained true -p:PublishTrimmed=true -p:PublishSingleFile=true -p:TreatWarningsAsErrors=false \
        && run "$mode" "$work/$mode/out/Consumer" without-dotnet || failed+=("$mode") ;;
    aot) # NativeAOT: what works without run-time code generation (Program.cs checks RuntimeFeature); gcc links.
         # Process isolation runs its helper on the installed runtime; without one the error must say so.
      publish "$mode" -r linux-x64 -p:PublishAot=true -p:CppCompilerAndLinker=gcc -p:TreatWarningsAsErrors=false \
        && run "$mode" "$work/$mode/out/Consumer" with-dotnet \
        && run "$mode" "$work/$mode/out/Consumer" without-dotnet no-dotnet || failed+=("$mode") ;;
    *) echo "unknown mode: $mode (build fd r2r sc trimmed single sc-r2r trimmed-single aot)" >&2; exit 2 ;;
  esac
  warnings="$(grep -E 'warning (IL|NETSDK)[0-9]+' "$work/$mode.log" 2>/dev/null | sed -E 's/.*warning (IL[0-9]+|NETSDK[0-9]+).*/\1/' | sort | uniq -c | tr -s ' ' | paste -sd, || true)"
  log "$mode: $((SECONDS - t0)) s${warnings:+ (publish warnings:$warnings)}"
done

log "total: $((SECONDS - started)) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "consumer test failed in: ${failed[*]}" >&2
  exit 1
fi
