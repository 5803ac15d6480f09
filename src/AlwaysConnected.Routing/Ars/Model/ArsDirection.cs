namespace AlwaysConnected.Routing.Ars;

/// <summary>Which side of the PBX a pattern block applies to.</summary>
public enum ArsDirection
{
    /// <summary>Calls arriving from an outside line (the vendor's "Patterns - IN").</summary>
    In,

    /// <summary>Calls leaving towards an outside line (the vendor's "Patterns - OUT").</summary>
    Out,
}
