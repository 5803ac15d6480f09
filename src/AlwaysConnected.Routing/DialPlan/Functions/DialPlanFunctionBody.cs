using System.Buffers;

namespace AlwaysConnected.Routing.DialPlan.Functions;

/// <summary>
/// The body of a dial plan function: reads its arguments from <paramref name="context"/> and writes
/// its UTF-8 result to <paramref name="result"/>.
/// </summary>
/// <remarks>
/// The built-ins take the context by reference (<c>in</c>); a host's function is a plain <c>Func</c>, as the .NET
/// design guidelines ask of public APIs, wrapped once when it is added.
/// </remarks>
/// <returns><see langword="false"/> when the function has no value (null): a positive pattern then fails and a <c>!</c> pattern succeeds.</returns>
internal delegate bool DialPlanFunctionBody(in DialPlanFunctionContext context, IBufferWriter<byte> result);
