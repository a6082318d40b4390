using Hookgate.Providers.BigCommerce;
using Hookgate.Providers.GenericHmac;
using Hookgate.Providers.PayFast;
using Hookgate.Providers.GitHub;
using Hookgate.Providers.Salla;
using Hookgate.Providers.Shopify;
using Hookgate.Providers.StandardWebhooks;
using Hookgate.Providers.Stripe;

namespace Hookgate.Providers;

/// <summary>The one place that lists the providers: adding a provider is one line here and one folder beside it.</summary>
public static class ProviderRegistration
{
    public static IServiceCollection AddWebhookProviders(this IServiceCollection services)
    {
        services.AddSingleton<IWebhookProvider, StripeProvider>();
        services.AddSingleton<IWebhookProvider, BigCommerceProvider>();
        services.AddSingleton<IWebhookProvider, PayFastProvider>();
        services.AddSingleton<IWebhookProvider, GenericHmacProvider>();
        services.AddSingleton<IWebhookProvider, SallaProvider>();
        services.AddSingleton<IWebhookProvider, GitHubProvider>();
        services.AddSingleton<IWebhookProvider, ShopifyProvider>();
        services.AddSingleton<IWebhookProvider, StandardWebhooksProvider>();
        return services;
    }
}
