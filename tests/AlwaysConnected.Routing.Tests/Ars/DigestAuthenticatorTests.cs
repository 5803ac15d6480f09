using AlwaysConnected.Routing.Ars.Authentication;

namespace AlwaysConnected.Routing.Tests.Ars;

public class DigestAuthenticatorTests
{
    private const string Rfc7616Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string Rfc7616Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private const string Rfc7616Opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";

    private sealed class FixedCnonce(string value) : ICnonceSource
    {
        public int Calls { get; private set; }

        public string NextCnonce()
        {
            Calls++;
            return value;
        }
    }

    [Fact]
    public void Rfc2617_example_gives_the_published_response()
    {
        var challenge = DigestChallenge.Parse("""Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41" """);
        var authenticator = new DigestAuthenticator(new FixedCnonce("0a4f113b"));

        var header = authenticator.CreateAuthorization(challenge, new DigestCredentials("Mufasa", "Circle Of Life"), "GET", "/dir/index.html");

        header.Should().Be("Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5, cnonce=\"0a4f113b\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", qop=auth, nc=00000001");
    }

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Rfc7616_examples_give_the_published_responses(string algorithm, string expected)
    {
        var challenge = DigestChallenge.Parse($"Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm={algorithm}, nonce=\"{Rfc7616Nonce}\", opaque=\"{Rfc7616Opaque}\"");
        var authenticator = new DigestAuthenticator(new FixedCnonce(Rfc7616Cnonce));

        var header = authenticator.CreateAuthorization(challenge, new DigestCredentials("Mufasa", "Circle of Life"), "GET", "/dir/index.html");

        header.Should().Contain($"response=\"{expected}\"")
            .And.Contain($"algorithm={algorithm}")
            .And.Contain($"opaque=\"{Rfc7616Opaque}\"")
            .And.Contain($"cnonce=\"{Rfc7616Cnonce}\"")
            .And.EndWith("qop=auth, nc=00000001");
    }

    [Fact]
    public void Nonce_count_increments_per_nonce_and_restarts_on_a_new_or_stale_nonce()
    {
        var authenticator = new DigestAuthenticator(new FixedCnonce("c"));
        var credentials = new DigestCredentials("u", "p");
        var first = DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n1\", qop=\"auth\"");

        authenticator.CreateAuthorization(first, credentials, "INVITE", "sip:1@x").Should().EndWith("nc=00000001");
        authenticator.CreateAuthorization(first, credentials, "INVITE", "sip:1@x").Should().EndWith("nc=00000002");
        authenticator.CreateAuthorization(first with { Nonce = "n2", Stale = true }, credentials, "INVITE", "sip:1@x").Should().EndWith("nc=00000001");
        authenticator.CreateAuthorization(first with { Nonce = "n2" }, credentials, "INVITE", "sip:1@x").Should().EndWith("nc=00000002");
        authenticator.CreateAuthorization(first with { Nonce = "n2", Stale = true }, credentials, "INVITE", "sip:1@x").Should().EndWith("nc=00000001");
    }

    [Fact]
    public void Nonce_counter_is_safe_under_concurrency()
    {
        var counter = new NonceCounter();

        var counts = Enumerable.Range(0, 1000).AsParallel().Select(_ => counter.Next("r", "n")).ToList();

        counts.Should().OnlyHaveUniqueItems().And.HaveCount(1000);
        counts.Max().Should().Be(1000);
    }

    [Fact]
    public void Session_algorithms_hash_the_cnonce_into_ha1()
    {
        var challenge = DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth\", algorithm=SHA-256-sess");
        var cnonces = new FixedCnonce("cn");

        var header = new DigestAuthenticator(cnonces).CreateAuthorization(challenge, new DigestCredentials("u", "p"), "INVITE", "sip:a@b");

        // Independently computed: HA1 = H(H(u:r:p):n:cn), HA2 = H(INVITE:sip:a@b), response = H(HA1:n:00000001:cn:auth:HA2).
        static string H(string s) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s)));
        var expected = H($"{H($"{H("u:r:p")}:n:cn")}:n:00000001:cn:auth:{H("INVITE:sip:a@b")}");
        header.Should().Contain($"response=\"{expected}\"").And.Contain("algorithm=SHA-256-sess");
        cnonces.Calls.Should().Be(1);
    }

    [Fact]
    public void Challenge_without_qop_uses_the_rfc2069_form()
    {
        var challenge = DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n\"");

        var header = new DigestAuthenticator(new FixedCnonce("unused")).CreateAuthorization(challenge, new DigestCredentials("u", "p"), "REGISTER", "sip:r");

        static string H(string s) => Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(s)));
        header.Should().Contain($"response=\"{H($"{H("u:r:p")}:n:{H("REGISTER:sip:r")}")}\"").And.NotContain("cnonce").And.NotContain("nc=");
    }

    [Fact]
    public void Challenge_fields_are_read()
    {
        var challenge = DigestChallenge.Parse("digest REALM=\"a \\\"b\\\"\",nonce=abc , stale=TRUE, algorithm=md5-sess, qop=\"auth-int\", domain=\"sip:x\"");

        challenge.Should().Be(new DigestChallenge("a \"b\"", "abc", null, DigestAlgorithm.Md5Sess, Routing.Collections.EquatableArray.Create("auth-int"), true));
    }

    [Theory]
    [InlineData("", nameof(DigestChallengeErrorKind.Empty), 0)]
    [InlineData("Basic realm=\"x\"", nameof(DigestChallengeErrorKind.NotDigest), 0)]
    [InlineData("Digest nonce=\"n\"", nameof(DigestChallengeErrorKind.MissingRealm), 16)]
    [InlineData("Digest realm=\"r\"", nameof(DigestChallengeErrorKind.MissingNonce), 0)]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256", nameof(DigestChallengeErrorKind.UnsupportedAlgorithm), 39)]
    [InlineData("Digest realm=\"r\", nonce=\"n\", qop=\"x\"", nameof(DigestChallengeErrorKind.UnsupportedQop), 33)]
    [InlineData("Digest realm=\"r, nonce=\"n\"", nameof(DigestChallengeErrorKind.Malformed), 24)]
    [InlineData("Digest realm=\"r", nameof(DigestChallengeErrorKind.Malformed), 13)]
    [InlineData("Digest realm=\"r\" nonce=\"n\"", nameof(DigestChallengeErrorKind.Malformed), 17)]
    [InlineData("Digest realm=\"r\", realm=\"s\", nonce=\"n\"", nameof(DigestChallengeErrorKind.DuplicateParameter), 18)]
    public void Bad_challenges_get_a_typed_error_with_offset(string value, string kind, int offset)
    {
        DigestChallenge.TryParse(value, out var challenge, out var error).Should().BeFalse();

        challenge.Should().BeNull();
        error!.Kind.Should().Be(Enum.Parse<DigestChallengeErrorKind>(kind));
        error.Offset.Should().Be(offset);
        FluentActions.Invoking(() => DigestChallenge.Parse(value)).Should().Throw<DigestChallengeFormatException>().Which.Error.Should().Be(error);
    }

    [Fact]
    public void Credentials_do_not_show_the_password_and_reject_header_injection()
    {
        new DigestCredentials("u", "hunter2").ToString().Should().NotContain("hunter2");
        FluentActions.Invoking(() => new DigestCredentials("u\r\nX: y", "p")).Should().Throw<ArgumentException>();
        var challenge = DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n\"");
        FluentActions.Invoking(() => new DigestAuthenticator().CreateAuthorization(challenge, new DigestCredentials("u", "p"), "INVITE", "sip:a\r\nX: y"))
            .Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Quoted_values_are_escaped_in_the_header()
    {
        var challenge = DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n\"");

        var header = new DigestAuthenticator().CreateAuthorization(challenge, new DigestCredentials("a\"b\\c", "p"), "INVITE", "sip:x");

        header.Should().StartWith("Digest username=\"a\\\"b\\\\c\", ");
    }
}
