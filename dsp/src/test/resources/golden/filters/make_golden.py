#!/usr/bin/env python3
"""Golden data for io.uatr.dsp.filter tests (run once; outputs are committed).

Writes, for each case in CASES:
  <name>_sos.txt    scipy.signal.butter(order, Wn, btype, fs=fs, output='sos'), one section per line
  <name>_zi.txt     scipy.signal.sosfilt_zi(sos), one section per line
  <name>_out.txt    two columns: sosfilt(sos, x) and sosfiltfilt(sos, x) for the shared input x
and input.txt: the shared float32 input x (white noise plus two sines, seed 20261128).

Usage: python3 make_golden.py   (numpy 2.4 and scipy 1.17 were used)
"""
import os

import numpy as np
import scipy
from scipy import signal

HERE = os.path.dirname(os.path.abspath(__file__))
N = 500

# name, btype, order, low (or single cut-off), high (0 for low/high-pass), fs
CASES = [
    ("lp4", "lowpass", 4, 1000.0, 0.0, 16000.0),
    ("lp5", "lowpass", 5, 3000.0, 0.0, 52734.0),
    ("lp1", "lowpass", 1, 100.0, 0.0, 1000.0),
    ("hp3", "highpass", 3, 20.0, 0.0, 16000.0),
    ("hp6", "highpass", 6, 5000.0, 0.0, 44100.0),
    ("bp4", "bandpass", 4, 1000.0, 2000.0, 52734.0),
    ("bp3", "bandpass", 3, 100.0, 4000.0, 16000.0),
    ("bp8", "bandpass", 8, 10.0, 1000.0, 52734.0),
    ("bs2", "bandstop", 2, 50.0, 70.0, 1000.0),
    ("bs3", "bandstop", 3, 400.0, 600.0, 8000.0),
]


def main():
    rng = np.random.default_rng(20261128)
    t = np.arange(N)
    x = (0.5 * rng.standard_normal(N) + 0.8 * np.sin(2 * np.pi * 0.01 * t)
         + 0.3 * np.sin(2 * np.pi * 0.23 * t + 0.4)).astype(np.float32)
    np.savetxt(os.path.join(HERE, "input.txt"), x, fmt="%.9g",
               header=f"float32 input, n={N}, numpy {np.__version__}, scipy {scipy.__version__}")
    with open(os.path.join(HERE, "cases.txt"), "w") as f:
        f.write("# name type order low_hz high_hz sample_rate\n")
        for name, btype, order, lo, hi, fs in CASES:
            f.write(f"{name} {btype} {order} {lo!r} {hi!r} {fs!r}\n")
            wn = [lo, hi] if btype in ("bandpass", "bandstop") else lo
            sos = signal.butter(order, wn, btype=btype, fs=fs, output="sos")
            zi = signal.sosfilt_zi(sos)
            y = signal.sosfilt(sos, x)
            yy = signal.sosfiltfilt(sos, x)
            np.savetxt(os.path.join(HERE, f"{name}_sos.txt"), sos, fmt="%.17g")
            np.savetxt(os.path.join(HERE, f"{name}_zi.txt"), zi, fmt="%.17g")
            np.savetxt(os.path.join(HERE, f"{name}_out.txt"), np.column_stack([y, yy]),
                       fmt="%.10g", header="sosfilt sosfiltfilt")


if __name__ == "__main__":
    main()
