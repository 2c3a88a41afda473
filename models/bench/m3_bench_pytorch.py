"""PyTorch reference for the m3-bench training step (see io.uatr.models.bench.M3Bench).

Run: python3 m3_bench_pytorch.py [--steps 10] [--channels-last]
Prints the mean wall and thread-CPU time per step after 5 warm-up steps, one intra-op thread.
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn_relu(cin, cout, stride):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(),
    )


class M3Bench(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = conv_bn_relu(1, 16, 1)
        self.experts = nn.ModuleList(
            [nn.Sequential(conv_bn_relu(16, 32, 2), conv_bn_relu(32, 64, 2)) for _ in range(4)]
        )
        self.gates = nn.ModuleList([nn.Linear(16, 4) for _ in range(2)])
        self.class_tower = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 9))
        self.size_tower = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 4))

    def forward(self, x):
        s = self.stem(x)
        g_in = F.adaptive_avg_pool2d(s, 1).flatten(1)
        e = torch.stack([F.adaptive_avg_pool2d(ex(s), 1).flatten(1) for ex in self.experts], 1)
        reps = [torch.bmm(F.softmax(g(g_in), 1).unsqueeze(1), e).squeeze(1) for g in self.gates]
        return self.class_tower(reps[0]), self.size_tower(reps[1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--channels-last", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = M3Bench()
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    walls, cpus = [], []
    for step in range(args.warmup + args.steps):
        x = torch.randn(32, 1, 64, 256)
        if args.channels_last:
            x = x.to(memory_format=torch.channels_last)
        yc = torch.randint(0, 9, (32,))
        ys = torch.randint(0, 4, (32,))
        t0, c0 = time.perf_counter(), time.thread_time()
        opt.zero_grad()
        pc, ps = model(x)
        loss = F.cross_entropy(pc, yc) + 0.5 * F.cross_entropy(ps, ys)
        loss.backward()
        opt.step()
        if step >= args.warmup:
            walls.append((time.perf_counter() - t0) * 1e3)
            cpus.append((time.thread_time() - c0) * 1e3)
    cpus.sort()
    print(
        "torch %s: mean wall %.0f ms, mean thread-cpu %.0f ms, median thread-cpu %.0f ms, min %.0f"
        % (torch.__version__, sum(walls) / len(walls), sum(cpus) / len(cpus),
           cpus[len(cpus) // 2], cpus[0])
    )


if __name__ == "__main__":
    main()
