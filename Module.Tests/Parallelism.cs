// Test classes run side by side on every core; the tests of one class run one after another. The quota tests on real
// time run beside the others too: contention only delays requests, which keeps them further inside Amazon's quotas.
[assembly: Parallelize(Workers = 0, Scope = ExecutionScope.ClassLevel)]
