namespace AlwaysConnected.Routing.Ars.Text;

/// <summary>The fields of one route or template collected so far, with where each was written.</summary>
internal sealed class ArsRouteDraft(string name, bool isTemplate, ArsTextToken header)
{
    public string Name { get; } = name;

    public bool IsTemplate { get; } = isTemplate;

    public ArsTextToken Header { get; } = header;

    public bool HasErrors { get; set; }

    public bool Enabled { get; set; } = true;

    public ArsInboundSource InboundSource { get; set; }

    public ArsTextToken? FirstRegistrationField { get; set; }

    public string? RegisterUri { get; set; }

    public string? Proxy { get; set; }

    public int? Expires { get; set; }

    public int? Update { get; set; }

    public string? RegistrationUser { get; set; }

    public string? RegistrationPassword { get; set; }

    public ArsTextToken? FirstCredentialsField { get; set; }

    public string? CredentialsUser { get; set; }

    public string? CredentialsPassword { get; set; }

    public string? AuthUser { get; set; }

    public string? Realm { get; set; }

    public List<ArsVariable> Variables { get; } = [];

    public List<ArsPatternBlock> InBlocks { get; } = [];

    public List<ArsPatternBlock> OutBlocks { get; } = [];

    public HashSet<int> InNumbers { get; } = [];

    public HashSet<int> OutNumbers { get; } = [];

    public List<TemplateRow> Rows { get; } = [];

    public List<TemplateBinding> Bindings { get; } = [];

    public HashSet<string> Seen { get; } = new(StringComparer.OrdinalIgnoreCase);
}
