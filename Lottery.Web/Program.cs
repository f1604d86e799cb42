using Lottery.Infrastructure;
using Lottery.Web.Endpoints;
using Lottery.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddInfrastructure();
builder.AddLotteryWeb();

var app = builder.Build();
app.UseLotteryWeb();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapLotteryPages();
app.PrintStartupBanner();
app.Run();
