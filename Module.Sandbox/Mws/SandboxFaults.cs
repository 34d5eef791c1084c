namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>What can go wrong on purpose.</summary>
public enum SandboxFaultKind
{
    /// <summary>503 RequestThrottled whatever the bucket says.</summary>
    Throttle,
    /// <summary>500 InternalError.</summary>
    InternalError,
    /// <summary>503 QuotaExceeded.</summary>
    QuotaExceeded,
    /// <summary>The answer comes after <see cref="SandboxFault.DelayMilliseconds"/>.</summary>
    Slow,
    /// <summary>The answer is cut in half after the request took effect (the caller cannot know the outcome).</summary>
    TruncatedXml,
    /// <summary>The answer is not XML at all.</summary>
    MalformedXml,
    /// <summary>The connection is closed without an answer.</summary>
    DropConnection,
}

/// <summary>A fault for the next <see cref="Count"/> requests, or for a share of them (<see cref="Share"/> 0..1).</summary>
public sealed record SandboxFault(SandboxFaultKind Kind, int? Count, double? Share, string? Action, int DelayMilliseconds = 2000);

/// <summary>Holds the injected faults and decides, request by request, which one applies.</summary>
public sealed class SandboxFaults
{
    private readonly Lock _lock = new();
    private readonly List<(SandboxFault Fault, int Remaining)> _faults = [];
    private readonly Random _random = new(7);

    public void Add(SandboxFault fault)
    {
        lock (_lock)
        {
            _faults.Add((fault, fault.Count ?? int.MaxValue));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _faults.Clear();
        }
    }

    public IReadOnlyList<SandboxFault> Active()
    {
        lock (_lock)
        {
            return _faults.Select(f => f.Fault with { Count = f.Remaining == int.MaxValue ? null : f.Remaining }).ToList();
        }
    }

    /// <summary>The fault this request gets, if any; a counted fault is used up.</summary>
    public SandboxFault? Next(string? action)
    {
        lock (_lock)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var (fault, remaining) = _faults[i];
                if (fault.Action is not null && fault.Action != action)
                {
                    continue;
                }

                if (fault.Share is { } share && _random.NextDouble() >= share)
                {
                    continue;
                }

                if (remaining != int.MaxValue)
                {
                    if (remaining <= 1)
                    {
                        _faults.RemoveAt(i);
                    }
                    else
                    {
                        _faults[i] = (fault, remaining - 1);
                    }
                }

                return fault;
            }

            return null;
        }
    }
}
