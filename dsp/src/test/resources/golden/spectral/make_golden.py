#!/usr/bin/env python3
"""Golden arrays for the log-mel, MFCC and CQT tests of io.uatr.dsp.features.

Uses only numpy and scipy (librosa is not installed): every reference below is written from
librosa's documented definitions, in float64:
  - STFT: np.pad(mode='reflect') by n_fft//2, scipy.signal.get_window('hann', n_fft,
    fftbins=True), np.fft.rfft, |X|**power, frames = 1 + len // hop;
  - librosa.filters.mel: Slaney or HTK mel scale, triangles over n_mels + 2 mel-spaced edges,
    Slaney area normalisation 2 / (f[i+2] - f[i]) or none;
  - power_to_db: 10 log10(max(S, 1e-10)), ref 1.0, optional top_db over the whole matrix;
  - MFCC: scipy.fft.dct(type=2, norm='ortho') over the mel axis, first n_mfcc rows;
  - CQT: a DIRECT time-domain inner product of the zero-padded signal with each L1-normalised,
    Hann-windowed complex exponential (the definition in io.uatr.dsp.features.Cqt), an
    independent path from the Java FFT-kernel implementation.
Run from this directory: python3 make_golden.py
"""
import numpy as np
import scipy.fft
import scipy.signal


def signal(sr, seconds, seed):
    rng = np.random.default_rng(seed)
    n = int(round(sr * seconds))
    t = np.arange(n) / sr
    f0, f1 = 50.0, 0.4 * sr
    # exponential chirp + a steady tone + white noise (about 60 dB of spectral range)
    k = np.log(f1 / f0) / seconds
    chirp = 0.5 * np.sin(2 * np.pi * f0 * (np.exp(k * t) - 1) / k)
    tone = 0.2 * np.sin(2 * np.pi * 440.0 * t)
    noise = 0.01 * rng.standard_normal(n)
    return (chirp + tone + noise).astype(np.float32)


def stft_mag(x, n_fft, hop):
    y = np.pad(x.astype(np.float64), n_fft // 2, mode="reflect")
    w = scipy.signal.get_window("hann", n_fft, fftbins=True)
    frames = 1 + len(x) // hop
    idx = np.arange(n_fft)[None, :] + hop * np.arange(frames)[:, None]
    return np.abs(np.fft.rfft(y[idx] * w, axis=1)).T  # [bins][frames]


def hz_to_mel(f, htk):
    f = np.asanyarray(f, dtype=np.float64)
    if htk:
        return 2595.0 * np.log10(1.0 + f / 700.0)
    f_sp = 200.0 / 3
    mels = f / f_sp
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-300) / min_log_hz) / logstep, mels)


def mel_to_hz(m, htk):
    m = np.asanyarray(m, dtype=np.float64)
    if htk:
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    f_sp = 200.0 / 3
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)


def mel_filters(sr, n_fft, n_mels, fmin, fmax, htk, norm):
    if fmax is None:
        fmax = sr / 2.0
    fftfreqs = np.fft.rfftfreq(n_fft, 1.0 / sr)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(fmin, htk), hz_to_mel(fmax, htk), n_mels + 2), htk)
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    w = np.zeros((n_mels, len(fftfreqs)))
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        w[i] = np.maximum(0, np.minimum(lower, upper))
    if norm == "slaney":
        w *= (2.0 / (mel_f[2 : n_mels + 2] - mel_f[:n_mels]))[:, None]
    return w


def power_to_db(s, amin=1e-10, top_db=None):
    d = 10.0 * np.log10(np.maximum(s, amin))
    if top_db is not None:
        d = np.maximum(d, d.max() - top_db)
    return d


def log_mel(x, sr, n_fft, hop, n_mels, fmin, fmax, htk, norm, power, top_db):
    s = stft_mag(x, n_fft, hop) ** power
    m = mel_filters(sr, n_fft, n_mels, fmin, fmax, htk, norm) @ s
    return m, power_to_db(m, top_db=top_db)


def cqt_direct(x, sr, hop, fmin, n_bins, bpo, filter_scale):
    q = filter_scale / (2.0 ** (1.0 / bpo) - 1.0)
    freqs = fmin * 2.0 ** (np.arange(n_bins) / bpo)
    frames = 1 + len(x) // hop
    xd = x.astype(np.float64)
    out = np.zeros((n_bins, frames))
    lengths = np.zeros(n_bins, dtype=np.int32)
    for k, f in enumerate(freqs):
        n = int(np.ceil(q * sr / f))
        lengths[k] = n
        w = scipy.signal.get_window("hann", n, fftbins=True)
        c = n // 2
        m = np.arange(n)
        atom = w / w.sum() * np.exp(2j * np.pi * f * (m - c) / sr)
        xp = np.concatenate([np.zeros(c), xd, np.zeros(n)])  # xp[i] = x[i - c]
        idx = hop * np.arange(frames)[:, None] + m[None, :]
        out[k] = np.abs(xp[idx] @ np.conj(atom))
    return out, lengths


def main():
    x22 = signal(22050, 1.0, 1)
    x52 = signal(52734, 0.25, 2)
    np.save("signal_22050.npy", x22)
    np.save("signal_52734.npy", x52)

    cases = {
        # name: (signal, sr, n_fft, hop, n_mels, fmin, fmax, htk, norm, power, top_db)
        "logmel_slaney_2048": (x22, 22050, 2048, 512, 128, 0.0, None, False, "slaney", 2.0, None),
        "logmel_htk_none_512": (x22, 22050, 512, 128, 40, 20.0, 8000.0, True, "none", 2.0, None),
        "logmel_magnitude_52734": (x52, 52734, 2048, 512, 64, 0.0, 20000.0, False, "slaney", 1.0, None),
        "logmel_topdb_52734": (x52, 52734, 512, 256, 64, 0.0, None, False, "slaney", 2.0, 50.0),
    }
    for name, (x, sr, n_fft, hop, n_mels, fmin, fmax, htk, norm, power, top_db) in cases.items():
        mel, db = log_mel(x, sr, n_fft, hop, n_mels, fmin, fmax, htk, norm, power, top_db)
        np.save(name + ".npy", db.astype(np.float64))
        np.save(name + "_linear.npy", mel.astype(np.float64))

    np.save("melfb_slaney_22050_512_40.npy", mel_filters(22050, 512, 40, 0.0, None, False, "slaney"))
    np.save("melfb_htk_none_52734_1024_64.npy", mel_filters(52734, 1024, 64, 30.0, 18000.0, True, "none"))

    _, db = log_mel(x22, 22050, 2048, 512, 128, 0.0, None, False, "slaney", 2.0, None)
    np.save("mfcc_22050_2048_20.npy", scipy.fft.dct(db, type=2, norm="ortho", axis=0)[:20])
    _, db = log_mel(x52, 52734, 512, 256, 64, 0.0, None, True, "none", 2.0, 80.0)
    np.save("mfcc_topdb80_52734_512_13.npy", scipy.fft.dct(db, type=2, norm="ortho", axis=0)[:13])

    c, lengths = cqt_direct(x22, 22050, 512, 32.703195662574829, 84, 12, 1.0)
    np.save("cqt_22050_default.npy", c)
    np.save("cqt_22050_default_lengths.npy", lengths)
    c, lengths = cqt_direct(x52, 52734, 256, 55.0, 96, 24, 0.8)
    np.save("cqt_52734_bpo24.npy", c)
    np.save("cqt_52734_bpo24_lengths.npy", lengths)


if __name__ == "__main__":
    main()
