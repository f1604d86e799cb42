namespace Lottery.Web.Features.Play;

/// <summary>
/// Every player-facing string of the player pages, in English and Simplified Chinese. The server renders with it and
/// hands the same dictionary to the page script (embedded JSON), so both sides always speak the same language.
/// Placeholders are <c>{name}</c>, filled by <see cref="Format"/> here and by the script there. A count goes in
/// <c>{n}</c>; a key with a singular form has it under the same key plus <c>One</c>, used when n is 1 (both sides).
/// </summary>
public sealed class PlayText
{
    public const string English = "en";
    public const string Chinese = "zh-CN";
    public const string CookieName = "lottery.lang";

    private static readonly Dictionary<string, (string En, string Zh)> Strings = new()
    {
        ["brand"] = ("Lucky draw", "幸运抽奖"),
        ["switchLanguage"] = ("中文", "English"),
        ["switchLanguageLabel"] = ("切换到中文", "Switch to English"),
        ["rules"] = ("Rules", "活动规则"),
        ["prizes"] = ("Prizes", "奖品"),
        ["drawAtLabel"] = ("Draw: {when}", "开奖时间：{when}"),
        ["chancesPerPlayer"] = ("{n} spins per player", "每人 {n} 次机会"),
        ["chancesPerPlayerOne"] = ("1 spin per player", "每人 1 次机会"),
        ["maxWins"] = ("Win at most {n} prizes", "每人最多中奖 {n} 次"),
        ["maxWinsOne"] = ("Win at most 1 prize", "每人最多中奖 1 次"),
        ["spin"] = ("Spin", "开始抽奖"),
        ["spinLabel"] = ("Spin the wheel", "转动转盘"),
        ["spinning"] = ("Good luck…", "祝你好运…"),
        ["gettingReady"] = ("Getting ready…", "准备中…"),
        ["chancesLeft"] = ("{n} spins left", "剩余 {n} 次机会"),
        ["chancesLeftOne"] = ("1 spin left", "剩余 1 次机会"),
        ["loading"] = ("Getting your spins ready…", "正在准备…"),
        ["countdownTitle"] = ("Starts soon", "即将开始"),
        ["countdownText"] = ("The wheel opens in", "距离开始还有"),
        ["pausedTitle"] = ("Back soon", "稍后回来"),
        ["pausedText"] = ("The draw is paused for a moment. Please come back a little later.", "活动暂停片刻，请稍后再来。"),
        ["endedTitle"] = ("This campaign has ended", "活动已结束"),
        ["endedText"] = ("Thanks for playing! Your prizes stay in My prizes.", "感谢参与！已中奖品可在“我的奖品”中查看。"),
        ["cancelledTitle"] = ("This draw was cancelled", "本次抽奖已取消"),
        ["campaignCancelledTitle"] = ("This campaign was cancelled", "活动已取消"),
        ["cancelledText"] = ("Sorry — this campaign will not take place.", "抱歉，本次活动已取消。"),
        ["soldOutTitle"] = ("All prizes are gone", "奖品已全部送出"),
        ["soldOutText"] = ("Every prize has found a winner. Thanks for playing!", "所有奖品都已找到主人，感谢参与！"),
        ["noChancesTitle"] = ("No spins left", "抽奖机会已用完"),
        ["noChancesText"] = ("Complete a task below to earn more spins.", "完成下方任务即可获得更多机会。"),
        ["noChancesNoTasks"] = ("You have used all your spins. Thanks for playing!", "你的抽奖机会已用完，感谢参与！"),
        ["winLimitTitle"] = ("Win limit reached", "已达中奖上限"),
        ["winLimitText"] = ("You have won as many prizes as this draw allows. Congratulations!", "你已达到本活动的中奖上限，恭喜！"),
        ["winLimitChances"] = ("No more spins: win limit reached", "已达中奖上限，无法继续抽奖"),
        ["rateLimitedTitle"] = ("Slow down", "慢一点"),
        ["rateLimitedText"] = ("Too many spins at once. You can spin again in {s} s.", "操作太频繁，请 {s} 秒后再试。"),
        ["tooManySessionsText"] = ("Too many new players from your network right now. Try again in about {m} min.", "当前网络的新玩家过多，请约 {m} 分钟后再试。"),
        ["blockedTitle"] = ("You can't play this campaign", "你无法参与本活动"),
        ["blockedText"] = ("The organiser has blocked this account, address or network from their campaigns. Contact them if you think this is a mistake.", "主办方已阻止此账号、邮箱或网络参与活动。如有疑问，请联系主办方。"),
        ["networkTitle"] = ("Connection problem", "网络异常"),
        ["networkText"] = ("We could not reach the server. Check your connection and try again.", "无法连接服务器，请检查网络后重试。"),
        ["retry"] = ("Retry", "重试"),
        ["wonTitle"] = ("You won!", "恭喜中奖！"),
        ["lostTitle"] = ("Not this time", "差一点点"),
        ["lostText"] = ("No prize on this spin — try again!", "这次没有中奖，再试一次吧！"),
        ["nextPhysical"] = ("Enter your delivery address in My prizes and we will ship it.", "请在“我的奖品”中填写收货地址，我们会尽快寄出。"),
        ["nextCode"] = ("Your code is waiting for you in My prizes.", "兑换码已放入“我的奖品”。"),
        ["nextPoints"] = ("The points have been credited to your account.", "积分已到账。"),
        ["nextVirtual"] = ("Your prize has been credited to your account.", "奖品已发放到你的账户。"),
        ["ok"] = ("OK", "好的"),
        ["close"] = ("Close", "关闭"),
        ["myPrizes"] = ("My prizes", "我的奖品"),
        ["tasksTitle"] = ("Earn more spins", "赚取更多机会"),
        ["taskShare"] = ("Share with friends", "分享给好友"),
        ["taskDailyCheckIn"] = ("Daily check-in", "每日签到"),
        ["taskReward"] = ("+{n} spins", "+{n} 次"),
        ["taskRewardOne"] = ("+1 spin", "+1 次"),
        ["taskGranted"] = ("+{n} spins!", "获得 {n} 次机会！"),
        ["taskGrantedOne"] = ("+1 spin!", "获得 1 次机会！"),
        ["nowHave"] = ("You now have {n} spins.", "现在共有 {n} 次。"),
        ["nowHaveOne"] = ("You now have 1 spin.", "现在共有 1 次。"),
        ["taskDoneToday"] = ("Done today", "今日已完成"),
        ["taskDone"] = ("Already counted today — come back tomorrow.", "今天已完成，明天再来吧。"),
        ["taskFailed"] = ("That did not work. Please try again.", "操作失败，请重试。"),
        ["linkCopied"] = ("Link copied — paste it to your friends.", "链接已复制，快去分享给好友吧。"),
        ["shareText"] = ("Spin the wheel with me: {name}", "和我一起来抽奖：{name}"),
        ["tryAgainSegment"] = ("Try again", "谢谢参与"),
        ["kindPhysical"] = ("Delivered to you", "实物奖品"),
        ["kindCode"] = ("E-code", "电子兑换码"),
        ["kindPoints"] = ("Points", "积分"),
        ["kindVirtual"] = ("Digital", "虚拟奖品"),
        ["joinTitle"] = ("Join the draw", "参与抽奖"),
        ["join"] = ("Join the draw", "立即参与"),
        ["joined"] = ("You're in! Good luck.", "已成功参与，祝你好运！"),
        ["drawIn"] = ("Winners are drawn in", "距离开奖还有"),
        ["entrants"] = ("{n} players joined", "已有 {n} 人参与"),
        ["entrantsOne"] = ("1 player joined", "已有 1 人参与"),
        ["drawingTitle"] = ("Drawing the winners…", "正在开奖…"),
        ["winnersTitle"] = ("Winners", "中奖名单"),
        ["noWinners"] = ("No winners were drawn.", "本次没有中奖者。"),
        ["youWon"] = ("Congratulations — you won! See My prizes.", "恭喜你中奖了！请查看“我的奖品”。"),
        ["youLost"] = ("Not this time — thanks for joining.", "很遗憾没有中奖，感谢参与。"),
        ["notJoined"] = ("You did not join this draw.", "你没有参与本次抽奖。"),
        ["days"] = ("d", "天"),
        ["hours"] = ("h", "时"),
        ["minutes"] = ("m", "分"),
        ["seconds"] = ("s", "秒"),
        ["backToWheel"] = ("Back to the draw", "返回活动"),
        ["noPrizesYet"] = ("No prizes yet. Spin the wheel and good luck!", "还没有奖品，快去抽奖吧！"),
        ["wonOn"] = ("Won {when}", "中奖时间 {when}"),
        ["statusAwaitingClaim"] = ("Address needed", "待填写地址"),
        ["statusClaimed"] = ("Preparing shipment", "待发货"),
        ["statusShipped"] = ("Shipped", "已发货"),
        ["statusDelivered"] = ("Delivered", "已送达"),
        ["yourCode"] = ("Your code", "你的兑换码"),
        ["copy"] = ("Copy", "复制"),
        ["copied"] = ("Copied!", "已复制！"),
        ["claimTitle"] = ("Where should we send it?", "请填写收货信息"),
        ["recipientName"] = ("Full name", "收件人姓名"),
        ["phone"] = ("Phone", "手机号码"),
        ["line1"] = ("Address line 1", "详细地址"),
        ["line2"] = ("Address line 2 (optional)", "地址补充（选填）"),
        ["city"] = ("City", "城市"),
        ["region"] = ("Region / province", "省份 / 地区"),
        ["postalCode"] = ("Postal code", "邮政编码"),
        ["country"] = ("Country", "国家 / 地区"),
        ["submitClaim"] = ("Send my address", "提交地址"),
        ["claimSaved"] = ("Thanks! We will ship your prize soon.", "提交成功！我们会尽快发货。"),
        ["alreadyClaimed"] = ("This prize was already claimed.", "该奖品已领取。"),
        ["claimFailed"] = ("Please check the highlighted fields.", "请检查标红的字段。"),
        ["shipTo"] = ("Shipping to", "收货信息"),
        ["tracking"] = ("Tracking number: {n}", "快递单号：{n}"),
        ["noticeWonTitle"] = ("You won {prize}!", "恭喜你获得 {prize}！"),
        ["noticeWonClaim"] = ("Claim it now: tell us where to send it in My prizes.", "请立即领取：在“我的奖品”中填写收货地址。"),
        ["noticeWonReady"] = ("It is waiting for you in My prizes.", "奖品已放入“我的奖品”。"),
        ["noticeClaimButton"] = ("Claim my prize", "领取奖品"),
        ["noticeSeeButton"] = ("See my prizes", "查看奖品"),
        ["noticeNotPickedTitle"] = ("The winners have been drawn", "已开奖"),
        ["noticeNotPickedText"] = ("You were not picked this time. Thanks for joining!", "很遗憾这次没有抽中你，感谢参与！"),
        ["noticeCancelledTitle"] = ("This draw was cancelled — sorry", "抱歉，本次抽奖已取消"),
        ["noticeCancelledText"] = ("You joined this draw, but it will not take place. There is nothing you need to do.", "你已参与本次抽奖，但活动已取消，你无需进行任何操作。"),
        ["nextPrizesTitle"] = ("All prizes for now are gone", "本时段奖品已送完"),
        ["nextPrizesText"] = ("More prizes at {when}. Come back then!", "下一批奖品将于 {when} 放出，届时再来吧！"),
        ["notFoundTitle"] = ("This draw does not exist", "活动不存在"),
        ["notFoundText"] = ("The link may be wrong, or the campaign has not been published yet.", "链接可能有误，或活动尚未发布。"),
        ["home"] = ("Go to the start page", "返回首页"),
    };

    private PlayText(string language) => Language = language;

    public static PlayText En { get; } = new(English);

    public static PlayText Zh { get; } = new(Chinese);

    /// <summary><c>en</c> or <c>zh-CN</c>.</summary>
    public string Language { get; }

    public bool IsChinese => Language == Chinese;

    public PlayText Other => IsChinese ? En : Zh;

    public string this[string key] => Strings.TryGetValue(key, out var s) ? (IsChinese ? s.Zh : s.En) : key;

    public string Format(string key, params (string Name, object Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = this[values.Any(v => v is ("n", 1)) && Strings.ContainsKey(key + "One") ? key + "One" : key];
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>All strings, for the page script.</summary>
    public IReadOnlyDictionary<string, string> All() => Strings.ToDictionary(p => p.Key, p => IsChinese ? p.Value.Zh : p.Value.En);

    /// <summary>
    /// The language of a request: an explicit <c>?lang=</c> wins (and is remembered in a cookie by the caller), then the
    /// cookie, then <c>Accept-Language</c> by quality; anything else is English.
    /// </summary>
    public static PlayText For(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Parse(request.Query["lang"].FirstOrDefault() ?? request.Cookies[CookieName]) is { } chosen)
        {
            return chosen;
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value);
        foreach (var tag in accepted)
        {
            if (Parse(tag) is { } match)
            {
                return match;
            }
        }

        return En;
    }

    public static PlayText? Parse(string? tag) => tag switch
    {
        null or "" => null,
        _ when tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase) => Zh,
        _ when tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) => En,
        _ => null,
    };
}
