package io.uatr.datasets;

import java.nio.file.Path;

/** Child process of {@link FeatureCacheTest}: rewrites and rereads one entry many times. */
public final class CacheHammer {
  private CacheHammer() {}

  /** Args: cache dir, wav file, iterations. Exit 0 if every read was complete and correct. */
  public static void main(String[] args) throws Exception {
    FeatureCache cache = new FeatureCache(Path.of(args[0]));
    Recording r = FeatureCacheTest.rec(Path.of(args[1]));
    int n = Integer.parseInt(args[2]);
    float[][] m = FeatureCacheTest.matrix(200, 300);
    Path file = cache.fileOf(FeatureCache.key(r, "cfg"));
    for (int i = 0; i < n; i++) {
      FeatureCache.write(file, m);
      CachedFeatures c = cache.get(r, "cfg").orElseThrow();
      if (!FeatureCacheTest.equal(m, c)) {
        System.exit(3);
      }
    }
    System.exit(0);
  }
}
