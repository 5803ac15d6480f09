using System.Buffers;

namespace AlwaysConnected.Routing.DialPlan.Functions;

/// <summary>
/// The body of a dial plan function: reads its arguments from <paramref name="context"/> and writes
/// its UTF-8 result to <paramref name="result"/>.
/// </summary>
/// <returns><see langword="false"/> when the function has no value (null): a positive pattern then fails and a <c>!</c> pattern succeeds.</returns>
public delegate bool DialPlanFunctionBody(in DialPlanFunctionContext context, IBufferWriter<byte> result);
