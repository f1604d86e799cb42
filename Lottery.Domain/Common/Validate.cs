namespace Lottery.Domain.Common;

/// <summary>Small checks shared by the definition validator and entity factories; each appends to a list.</summary>
public static class Validate
{
    public static void Name(List<ValidationError> errors, string path, string? value, int max = Limits.NameMaxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(path, "A name is required."));
        }
        else if (value.Trim().Length > max)
        {
            errors.Add(new(path, $"A name may have at most {max} characters (this one has {value.Trim().Length})."));
        }
    }

    public static void MaxLength(List<ValidationError> errors, string path, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(new(path, $"At most {max} characters are allowed (this value has {value.Length})."));
        }
    }

    public static void Range(List<ValidationError> errors, string path, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(new(path, $"Must be between {min} and {max} (was {v})."));
        }
    }

    public static void Color(List<ValidationError> errors, string path, string? value)
    {
        if (value is null)
        {
            return;
        }

        var ok = value.Length is 4 or 7 && value[0] == '#' && value[1..].All(char.IsAsciiHexDigit);
        if (!ok)
        {
            errors.Add(new(path, "A colour is written #RGB or #RRGGBB."));
        }
    }
}
