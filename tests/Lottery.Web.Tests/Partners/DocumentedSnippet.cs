using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lottery.Web.Tests.Partners;

/// <summary>
/// The C# signing code of docs/partner-sign-in.md, copied verbatim between the markers (a test checks the document still
/// holds exactly these lines, another that the token it makes is accepted).
/// </summary>
public static class DocumentedSnippet
{
    // snippet-start
    public static string SignPartnerToken(string keyId, string secret, string userId, string? displayName)
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) { KeyId = keyId };
        var claims = new List<Claim> { new("sub", userId) };
        if (displayName is not null)
        {
            claims.Add(new Claim("name", displayName));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddMinutes(15), // at most 24 hours ahead
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    // snippet-end
}
