using System.Net;
using StackExchange.Redis;

namespace AlwaysConnected.Routing.Redis.Connection;

/// <summary>
/// The cluster's key names. Every key starts with <c>{prefix}:</c>, one Redis Cluster hash slot, so a
/// script may touch several of them.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    private readonly string _root = "{" + prefix + "}:";

    public string FailureChannel => _root + "failures";

    public RedisKey TotalSessions => _root + "sessions";

    public RedisKey TotalStarts => _root + "starts";

    public RedisKey RouteSessions(string routeName) => _root + "sessions:" + routeName;

    public RedisKey RouteStarts(string routeName) => _root + "starts:" + routeName;

    public RedisKey BlockLeases(string blockId) => _root + "ars:leases:" + blockId;

    public RedisKey BlockFailure(string blockId) => _root + "ars:failed:" + blockId;

    public RedisKey Blocked(IPAddress address) => _root + "blocked:" + address;

    public RedisKey Registration(string user) => _root + "reg:" + user;

    public RedisKey Aliases(string group) => _root + "alias:" + group;
}
