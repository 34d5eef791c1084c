IF OBJECT_ID(N'[AmazonMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [AmazonMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK_AmazonMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE TABLE [AmazonAccounts] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(128) NOT NULL,
        [Api] nvarchar(8) NOT NULL,
        [Region] nvarchar(2) NOT NULL,
        [SellerId] nvarchar(32) NOT NULL,
        [ProtectedAuthorizationToken] nvarchar(4000) NOT NULL,
        [AuthorizationTokenMask] nvarchar(16) NOT NULL,
        [CompanyId] int NULL,
        [Salesperson] nvarchar(128) NULL,
        [SalesTeam] nvarchar(128) NULL,
        [SyncIntervalMinutes] int NOT NULL,
        [LastSyncWatermark] datetimeoffset NULL,
        [AuthorizedOn] datetimeoffset NULL,
        [AuthorizationExpiresOn] datetimeoffset NULL,
        [IsActive] bit NOT NULL,
        [CreatedOn] datetimeoffset NOT NULL,
        [UpdatedOn] datetimeoffset NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_AmazonAccounts] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE TABLE [AmazonDataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_AmazonDataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE TABLE [AmazonDefaultProducts] (
        [Kind] nvarchar(16) NOT NULL,
        [ProductId] int NULL,
        [UpdatedOn] datetimeoffset NOT NULL,
        CONSTRAINT [PK_AmazonDefaultProducts] PRIMARY KEY ([Kind])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE TABLE [AmazonMarketplaces] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(64) NOT NULL,
        [CountryCode] nvarchar(2) NOT NULL,
        [Endpoint] nvarchar(256) NOT NULL,
        [ApiIdentifier] nvarchar(32) NOT NULL,
        [Region] nvarchar(2) NOT NULL,
        [CurrencyCode] nvarchar(3) NOT NULL,
        [PricesIncludeTax] bit NOT NULL,
        [IsBuiltIn] bit NOT NULL,
        [SpApiOnly] bit NOT NULL,
        [IsActive] bit NOT NULL,
        CONSTRAINT [PK_AmazonMarketplaces] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE TABLE [AmazonAccountMarketplaces] (
        [AccountId] int NOT NULL,
        [MarketplaceId] int NOT NULL,
        [IsActive] bit NOT NULL,
        CONSTRAINT [PK_AmazonAccountMarketplaces] PRIMARY KEY ([AccountId], [MarketplaceId]),
        CONSTRAINT [FK_AmazonAccountMarketplaces_AmazonAccounts_AccountId] FOREIGN KEY ([AccountId]) REFERENCES [AmazonAccounts] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AmazonAccountMarketplaces_AmazonMarketplaces_MarketplaceId] FOREIGN KEY ([MarketplaceId]) REFERENCES [AmazonMarketplaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE TABLE [AmazonOffers] (
        [Id] int NOT NULL IDENTITY,
        [AccountId] int NOT NULL,
        [Sku] nvarchar(40) NOT NULL,
        [ProductId] int NOT NULL,
        [MarketplaceId] int NULL,
        [Origin] nvarchar(16) NOT NULL,
        [CreatedOn] datetimeoffset NOT NULL,
        [UpdatedOn] datetimeoffset NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_AmazonOffers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AmazonOffers_AmazonAccounts_AccountId] FOREIGN KEY ([AccountId]) REFERENCES [AmazonAccounts] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AmazonOffers_AmazonMarketplaces_MarketplaceId] FOREIGN KEY ([MarketplaceId]) REFERENCES [AmazonMarketplaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AmazonAccountMarketplaces_MarketplaceId] ON [AmazonAccountMarketplaces] ([MarketplaceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AmazonAccounts_Name] ON [AmazonAccounts] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AmazonAccounts_Region_SellerId] ON [AmazonAccounts] ([Region], [SellerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AmazonMarketplaces_ApiIdentifier] ON [AmazonMarketplaces] ([ApiIdentifier]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AmazonMarketplaces_Region] ON [AmazonMarketplaces] ([Region]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AmazonOffers_AccountId_Sku] ON [AmazonOffers] ([AccountId], [Sku]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AmazonOffers_MarketplaceId] ON [AmazonOffers] ([MarketplaceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AmazonOffers_ProductId] ON [AmazonOffers] ([ProductId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AmazonOffers_Sku] ON [AmazonOffers] ([Sku]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123082027_InitialCreate'
)
BEGIN
    INSERT INTO [AmazonMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123082027_InitialCreate', N'10.0.14');
END;

COMMIT;
GO
