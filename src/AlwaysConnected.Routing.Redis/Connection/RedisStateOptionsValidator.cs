using Microsoft.Extensions.Options;

namespace AlwaysConnected.Routing.Redis.Connection;

/// <summary>Checks <see cref="RedisStateOptions"/>; every failure names the option and what it must be.</summary>
internal sealed class RedisStateOptionsValidator : IValidateOptions<RedisStateOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisStateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{nameof(RedisStateOptions.ConnectionString)}: required (e.g. \"localhost:6379\")");
        }

        if (string.IsNullOrEmpty(options.KeyPrefix) || !options.KeyPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            failures.Add($"{nameof(RedisStateOptions.KeyPrefix)}: \"{options.KeyPrefix}\" must be letters, digits, '-', '_' or '.', at least one");
        }

        Positive(failures, nameof(RedisStateOptions.OperationTimeout), options.OperationTimeout);
        Positive(failures, nameof(RedisStateOptions.RetryInterval), options.RetryInterval);
        if (options.LeaseTimeToLive < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{nameof(RedisStateOptions.LeaseTimeToLive)}: {options.LeaseTimeToLive} must be at least one second (leases are renewed every third of it)");
        }

        if (options.BlockListEntryLifetime is { } lifetime)
        {
            Positive(failures, nameof(RedisStateOptions.BlockListEntryLifetime), lifetime);
        }

        if ((options.SharedState & ~RedisSharedState.All) != 0)
        {
            failures.Add($"{nameof(RedisStateOptions.SharedState)}: {(int)options.SharedState} holds unknown flags");
        }

        foreach (var (policyName, policy) in new[]
        {
            (nameof(RedisStateOptions.SessionsPolicy), options.SessionsPolicy),
            (nameof(RedisStateOptions.BlockListPolicy), options.BlockListPolicy),
            (nameof(RedisStateOptions.DirectoryPolicy), options.DirectoryPolicy),
        })
        {
            if (!Enum.IsDefined(policy))
            {
                failures.Add($"{policyName}: {(int)policy} is not FailOpen or FailClosed");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static void ThrowIfInvalid(RedisStateOptions options)
    {
        var result = new RedisStateOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(RedisStateOptions), result.Failures);
        }
    }

    private static void Positive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name}: {value} must be positive");
        }
    }
}
