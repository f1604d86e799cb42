using System.Security.Cryptography;
using Lottery.Domain.Common;

namespace Lottery.Domain.Prizes;

/// <summary>
/// A prize's picture, kept in the database (provider-neutral, backed up with everything else, shared by every node).
/// Only PNG, JPEG and WebP up to <see cref="MaxBytes"/> are accepted, recognised by their file signature, never by the
/// name or the type the browser claimed.
/// </summary>
public sealed class PrizePicture : ITenantOwned
{
    public const int MaxBytes = 1024 * 1024;

    private PrizePicture()
    {
        ContentType = null!;
        Data = null!;
        ETag = null!;
    }

    /// <summary>The prize's id: a prize has at most one picture.</summary>
    public Guid PrizeId { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary><c>image/png</c>, <c>image/jpeg</c> or <c>image/webp</c>, as read from the signature.</summary>
    public string ContentType { get; private set; }

    public byte[] Data { get; private set; }

    /// <summary>First 16 hex digits of the SHA-256 of <see cref="Data"/>: the HTTP entity tag and the URL's cache key.</summary>
    public string ETag { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The URL the picture is served at; it changes with the content, so it can be cached for long.</summary>
    public string Url => UrlFor(PrizeId, ETag);

    public static string UrlFor(Guid prizeId, string etag) => $"/media/prizes/{prizeId}?v={etag}";

    public static Result<PrizePicture> Create(Guid tenantId, Guid prizeId, byte[] data, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length == 0)
        {
            return Result<PrizePicture>.Invalid([new("picture", "The file is empty.")]);
        }

        if (data.Length > MaxBytes)
        {
            return Result<PrizePicture>.Invalid([new("picture",
                $"A picture may be at most 1 MB; this file is {data.Length / 1024.0 / 1024.0:0.0} MB.")]);
        }

        if (Sniff(data) is not { } contentType)
        {
            return Result<PrizePicture>.Invalid([new("picture", "Only PNG, JPEG and WebP pictures are accepted.")]);
        }

        return new PrizePicture
        {
            PrizeId = prizeId,
            TenantId = tenantId,
            ContentType = contentType,
            Data = data,
            ETag = Convert.ToHexStringLower(SHA256.HashData(data))[..16],
            UpdatedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>Replaces the content with another validated picture of the same prize.</summary>
    public void Replace(PrizePicture other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.PrizeId != PrizeId)
        {
            throw new ArgumentException("A picture can only be replaced by a picture of the same prize.", nameof(other));
        }

        ContentType = other.ContentType;
        Data = other.Data;
        ETag = other.ETag;
        UpdatedAt = other.UpdatedAt;
    }

    /// <summary>The image type from the file's first bytes, or null when it is none of the accepted ones.</summary>
    public static string? Sniff(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (data.StartsWith(png))
        {
            return "image/png";
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return null;
    }
}
