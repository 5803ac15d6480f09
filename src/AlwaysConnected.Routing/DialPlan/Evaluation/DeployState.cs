namespace AlwaysConnected.Routing.DialPlan.Evaluation;

/// <summary>What the deploys of the rules applied so far have decided, carried from rule to rule until the decision is finished.</summary>
internal struct DeployState
{
    public bool Continue;
    public bool Block;
    public int Status;
    public bool ReplaceUrl;
    public bool HasToUri;
    public int ToUriStart;
    public int ToUriLength;
}
