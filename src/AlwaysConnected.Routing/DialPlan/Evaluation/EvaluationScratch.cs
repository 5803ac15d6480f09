using AlwaysConnected.Routing.Patterns;

namespace AlwaysConnected.Routing.DialPlan.Evaluation;

/// <summary>
/// Reusable working tables of one evaluation (captures, line values, deploy values), kept in the
/// decision's <see cref="Requests.DecisionScratch"/> so that routing allocates nothing once they have
/// grown to the plan's size.
/// </summary>
internal sealed class EvaluationScratch
{
    private ValueRef[] _captures = new ValueRef[16];
    private ValueRef[] _lineValues = new ValueRef[16];
    private ValueRef[] _deployValues = new ValueRef[16];
    private ulong[] _candidateBits = [];
    private CaptureRange[] _captureRanges = new CaptureRange[16];
    private readonly ValueRef[] _requestValues = new ValueRef[Sources.RequestFunctionSource.SlotCount];
    private readonly int[] _requestValueStamps = new int[Sources.RequestFunctionSource.SlotCount];
    private int _stamp;

    /// <summary>Forgets the request values cached by the previous evaluation.</summary>
    public void BeginEvaluation()
    {
        if (++_stamp == 0)
        {
            Array.Clear(_requestValueStamps);
            _stamp = 1;
        }
    }

    public bool TryGetRequestValue(int slot, out ValueRef value)
    {
        value = _requestValues[slot];
        return _requestValueStamps[slot] == _stamp;
    }

    public void SetRequestValue(int slot, ValueRef value)
    {
        _requestValues[slot] = value;
        _requestValueStamps[slot] = _stamp;
    }

    public Span<ValueRef> Captures(int size) => Grow(ref _captures, size).AsSpan(0, size);

    public Span<ValueRef> LineValues(int size) => Grow(ref _lineValues, size).AsSpan(0, size);

    public Span<ValueRef> DeployValues(int size) => Grow(ref _deployValues, size).AsSpan(0, size);

    /// <summary>Room for one pattern's capture ranges while it matches.</summary>
    public Span<CaptureRange> CaptureRanges(int size)
    {
        if (_captureRanges.Length < size)
        {
            _captureRanges = new CaptureRange[Math.Max(size, _captureRanges.Length * 2)];
        }

        return _captureRanges;
    }

    /// <summary>The rule index's candidate set.</summary>
    public Span<ulong> CandidateBits(int size)
    {
        if (_candidateBits.Length < size)
        {
            _candidateBits = new ulong[size];
        }

        return _candidateBits.AsSpan(0, size);
    }

    private static ValueRef[] Grow(ref ValueRef[] array, int size)
    {
        if (array.Length < size)
        {
            array = new ValueRef[Math.Max(size, array.Length * 2)];
        }

        return array;
    }
}
