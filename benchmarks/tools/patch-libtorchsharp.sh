#!/usr/bin/env bash
# Makes TorchSharp's native library load against an older libstdc++ (Debian 12 ships GCC 12's,
# whose newest symbol version is GLIBCXX_3.4.30).
#
# libLibTorchSharp.so (TorchSharp 0.107.0) was linked with GCC 13 headers, whose <iostream> plants an
# undefined reference to std::ios_base_library_init() at version GLIBCXX_3.4.32 purely as a marker:
# no relocation uses it, so nothing ever calls or resolves it. The dynamic loader still checks every
# version a library names and refuses to load it when libstdc++.so.6 lacks one. Preloading a small
# library that defines the marker does not help: the loader checks each version need against the
# object named in it (libstdc++.so.6), not against whatever defines the symbol.
#
# This script sets VER_FLG_WEAK on that one version need, the ELF way of saying "load even if
# this version is missing" (glibc then skips it silently). It changes one byte of the copy it is
# given, the one in a build's output folder, and refuses to touch anything it does not recognise:
# the version must be needed by the one marker symbol and by no relocation. Idempotent; a no-op
# where the system's libstdc++ already defines GLIBCXX_3.4.32.
#
# Usage: patch-libtorchsharp.sh OUTPUT_DIR/runtimes/linux-x64/native/libLibTorchSharp.so
set -euo pipefail

library="${1:?usage: patch-libtorchsharp.sh PATH/TO/libLibTorchSharp.so}"
version="GLIBCXX_3.4.32"
marker="_ZSt21ios_base_library_initv"

if [ ! -f "$library" ]; then
  echo "patch-libtorchsharp: $library not found; nothing to patch (not linux-x64?)"
  exit 0
fi
if ! command -v readelf >/dev/null 2>&1; then
  echo "patch-libtorchsharp: error: readelf not found; install binutils" >&2
  exit 1
fi

# Is the version the marker asks for already provided by the libstdc++ the loader would pick?
system_libstdcxx="$(ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')"
# (Here-strings, not pipes, into grep -q: with pipefail, readelf killed by SIGPIPE would read as failure.)
if [ -n "$system_libstdcxx" ] && grep -q "Name: $version\$" <<<"$(readelf -VW "$system_libstdcxx")"; then
  echo "patch-libtorchsharp: $system_libstdcxx defines $version; nothing to patch"
  exit 0
fi

versions="$(readelf -VW "$library")"
need_line="$(awk -v v="$version" '/^Version needs section/ {inside = 1} inside && $0 ~ ("Name: " v " ") {print; exit}' <<<"$versions")"
if [ -z "$need_line" ]; then
  echo "patch-libtorchsharp: $library does not need $version; nothing to patch"
  exit 0
fi
if [[ "$need_line" == *"Flags: WEAK"* ]]; then
  echo "patch-libtorchsharp: $version is already a weak need in $library"
  exit 0
fi

# Only the marker may carry the version, and nothing may refer to it.
users="$(readelf -W --dyn-syms "$library" | grep -F "@$version" | awk '{print $8}' | sed 's/@.*//' | sort -u)"
if [ "$users" != "$marker" ]; then
  echo "patch-libtorchsharp: error: $version is needed by [$users], not only by $marker; refusing to patch" >&2
  exit 1
fi
if grep -qF "$marker" <<<"$(readelf -rW "$library")"; then
  echo "patch-libtorchsharp: error: a relocation refers to $marker; refusing to patch" >&2
  exit 1
fi

# Elf64_Vernaux is {vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32}; readelf
# prints each entry's offset inside .gnu.version_r and the section's offset in the file.
section_offset="$(awk '/^Version needs section/ {getline; for (i = 1; i <= NF; i++) if ($i == "Offset:") print $(i + 1); exit}' <<<"$versions")"
entry_offset="$(awk '{sub(":", "", $1); print $1}' <<<"$need_line")"
flags_offset=$((section_offset + entry_offset + 4))
flags_low_byte=$((0x$(od -An -tx1 -j "$flags_offset" -N1 "$library" | tr -d ' ')))
weak_flags=$((flags_low_byte | 0x2))   # VER_FLG_WEAK

# Write a new file and move it into place, so a hard link into the package cache is never written through.
patched="$(mktemp "$library.XXXXXX")"
cp -p "$library" "$patched"
printf "\\x$(printf '%02x' "$weak_flags")" | dd of="$patched" bs=1 seek="$flags_offset" conv=notrunc status=none
if ! grep -q "Name: $version  Flags: WEAK" <<<"$(readelf -VW "$patched")"; then
  rm -f "$patched"
  echo "patch-libtorchsharp: error: the patched copy does not show $version as weak; left $library unchanged" >&2
  exit 1
fi
chmod --reference="$library" "$patched"
mv -f "$patched" "$library"
echo "patch-libtorchsharp: marked the $version need of $library weak (only $marker, an unused marker, asks for it)"
