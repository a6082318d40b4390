using System.Data;
using Dapper;

namespace Hookgate.Storage;

/// <summary>
/// Ids are uuid on PostgreSQL and text on SQLite (Microsoft.Data.Sqlite writes a Guid as upper-case text, which
/// still sorts UUID v7 by time). Dapper cannot read that text back as a Guid; this handler does, and otherwise
/// leaves binding to each driver so the text written always matches the text stored.
/// </summary>
public sealed class GuidTypeHandler : SqlMapper.TypeHandler<Guid>
{
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            SqlMapper.RemoveTypeMap(typeof(Guid));
            SqlMapper.RemoveTypeMap(typeof(Guid?));
            SqlMapper.AddTypeHandler(new GuidTypeHandler());
        }
    }

    public override void SetValue(IDbDataParameter parameter, Guid value) => parameter.Value = value;

    public override Guid Parse(object value) => value switch
    {
        Guid guid => guid,
        string text => Guid.Parse(text),
        _ => throw new DataException($"Cannot read a Guid from a {value.GetType().Name}."),
    };
}
