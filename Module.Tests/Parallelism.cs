// Test classes run side by side on every core; the tests of one class run one after another. Classes that measure real
// time (quotas) opt out with [DoNotParallelize].
[assembly: Parallelize(Workers = 0, Scope = ExecutionScope.ClassLevel)]
