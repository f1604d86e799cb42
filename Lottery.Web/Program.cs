using Lottery.Infrastructure;
using Lottery.Web.Endpoints;
using Lottery.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddInfrastructure();
builder.AddLotteryWeb();
builder.AddLotteryApi();

var app = builder.Build();
app.UseLotteryWeb();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapLotteryApi();
app.MapPlayPages();
app.MapLotteryPages();
app.PrintStartupBanner();
app.Run();
