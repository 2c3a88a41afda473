#!/usr/bin/env bash
# Regenerates the WAV fixtures of io.uatr.dsp.io's tests with SoX (tested with SoX v14.4.2).
#
# Every file holds the same analytic signal, frame n at sample rate fs:
#   channel 0: 0.5   * sin(2*pi*440*n/fs)
#   channel 1: 0.25  * sin(2*pi*1000*n/fs)
#   channel 2: 0.125 * sin(2*pi*250*n/fs)
# (a file with C channels holds channels 0..C-1). The tests recompute this signal and compare.
# Notes: `-r` comes BEFORE `-n` so that synth runs at the output rate (otherwise SoX synthesises at
# 48 kHz and resamples); `-D` turns dithering off so that each sample is the rounded signal.
# `-t wavpcm` forces a plain (non-WAVE_FORMAT_EXTENSIBLE) header; SoX writes EXTENSIBLE otherwise
# for more than 2 channels or more than 16 bits. The list printed at the end shows the format tag
# (0x0001 PCM, 0x0003 IEEE float, 0xFFFE EXTENSIBLE) of each file.
set -euo pipefail
cd "$(dirname "$0")"

# make NAME RATE CHANNELS BITS ENCODING DURATION [TYPE]
make() {
  local name=$1 rate=$2 ch=$3 bits=$4 enc=$5 dur=$6 type=${7:-wav}
  local sines=(sine 440 sine 1000 sine 250)
  local gains=(1v0.5 2v0.25 3v0.125)
  sox -D -r "$rate" -c "$ch" -n -b "$bits" -e "$enc" -t "$type" "$name" \
    synth "$dur" "${sines[@]:0:$((2 * ch))}" remix "${gains[@]:0:$ch}"
}

make u8_mono_8000.wav            8000  1  8 unsigned-integer 0.25
make s16_mono_8000.wav           8000  1 16 signed-integer   0.25
make s16_stereo_44100.wav       44100  2 16 signed-integer   0.1
make s16_3ch_44100.wav          44100  3 16 signed-integer   0.1
make s24_stereo_52734.wav       52734  2 24 signed-integer   0.1
make s24_stereo_52734_plain.wav 52734  2 24 signed-integer   0.1 wavpcm
make s32_stereo_44100.wav       44100  2 32 signed-integer   0.1
make f32_stereo_52734.wav       52734  2 32 floating-point   0.1
make f32_mono_44100_plain.wav   44100  1 32 floating-point   0.1 wavpcm
make f32_3ch_8000.wav            8000  3 32 floating-point   0.2
make f64_mono_8000.wav           8000  1 64 floating-point   0.2

for f in *.wav; do
  # bytes 20-21: format tag (little-endian) of the fmt chunk that SoX writes first
  printf '%-28s tag 0x%s\n' "$f" "$(xxd -s 20 -l 2 -p "$f" | sed -E 's/(..)(..)/\2\1/')"
done
