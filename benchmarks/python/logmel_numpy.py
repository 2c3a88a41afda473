#!/usr/bin/env python3
"""The numpy route that `uatr features` is compared with: WAV in, log-mel .npy out.

Same work as `uatr features --input IN.wav --output OUT.npy` with the default log-mel settings
(librosa's: periodic Hann, n_fft 2048, hop 512, centred reflect padding, power spectrum, 128
Slaney mels with Slaney normalisation, fmin 0, fmax sr/2, 10*log10(max(S, 1e-10))), written
with numpy and scipy only (librosa does not install here). Usage:

    python3 benchmarks/python/logmel_numpy.py IN.wav OUT.npy
"""
import sys

import numpy as np
import scipy.io.wavfile
import scipy.signal


def hz_to_mel(f):
    f = np.asanyarray(f, dtype=np.float64)
    f_sp = 200.0 / 3
    mels = f / f_sp
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-12) / min_log_hz) / logstep, mels)


def mel_to_hz(m):
    m = np.asanyarray(m, dtype=np.float64)
    f_sp = 200.0 / 3
    freqs = f_sp * m
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), freqs)


def mel_filters(sr, n_fft, n_mels, fmin, fmax):
    fftfreqs = np.fft.rfftfreq(n_fft, 1.0 / sr)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(fmin), hz_to_mel(fmax), n_mels + 2))
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    weights = np.maximum(0, np.minimum(lower, upper))
    enorm = 2.0 / (mel_f[2 : n_mels + 2] - mel_f[:n_mels])
    return (weights * enorm[:, None]).astype(np.float32)


def main():
    sr, x = scipy.io.wavfile.read(sys.argv[1], mmap=True)
    if x.dtype == np.uint8:
        x = (x.astype(np.float32) - 128) / 128
    elif np.issubdtype(x.dtype, np.integer):
        x = x.astype(np.float32) / float(-np.iinfo(x.dtype).min)
    else:
        x = x.astype(np.float32)
    if x.ndim > 1:
        x = x.mean(axis=1)
    n_fft, hop = 2048, 512
    y = np.pad(x, n_fft // 2, mode="reflect")
    frames = np.lib.stride_tricks.sliding_window_view(y, n_fft)[::hop]
    window = scipy.signal.get_window("hann", n_fft, fftbins=True).astype(np.float32)
    mel = mel_filters(sr, n_fft, 128, 0.0, sr / 2.0)
    out = np.empty((128, frames.shape[0]), dtype=np.float32)
    block = 4096
    for s in range(0, frames.shape[0], block):
        spec = np.fft.rfft(frames[s : s + block] * window, axis=1)
        power = (spec.real**2 + spec.imag**2).astype(np.float32)
        out[:, s : s + block] = 10.0 * np.log10(np.maximum(mel @ power.T, 1e-10))
    np.save(sys.argv[2], out)


if __name__ == "__main__":
    main()
