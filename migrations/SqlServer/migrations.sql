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

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123092414_OrderSync'
)
BEGIN
    CREATE TABLE [AmazonOrderLinks] (
        [Id] int NOT NULL IDENTITY,
        [AccountId] int NOT NULL,
        [AmazonOrderId] nvarchar(32) NOT NULL,
        [MarketplaceId] nvarchar(32) NULL,
        [AmazonStatus] nvarchar(24) NULL,
        [FulfillmentChannel] nvarchar(16) NULL,
        [PurchaseDate] datetimeoffset NULL,
        [LastUpdateDate] datetimeoffset NULL,
        [SalesOrderId] int NULL,
        [AmazonTotal] decimal(18,4) NULL,
        [ErpTotal] decimal(18,4) NULL,
        [TaxDifference] decimal(18,4) NOT NULL,
        [CurrencyCode] nvarchar(3) NULL,
        [State] nvarchar(16) NOT NULL,
        [LastError] nvarchar(2000) NULL,
        [FailedAttempts] int NOT NULL,
        [UpdatedOn] datetimeoffset NOT NULL,
        CONSTRAINT [PK_AmazonOrderLinks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AmazonOrderLinks_AmazonAccounts_AccountId] FOREIGN KEY ([AccountId]) REFERENCES [AmazonAccounts] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123092414_OrderSync'
)
BEGIN
    CREATE TABLE [AmazonSyncRuns] (
        [Id] int NOT NULL IDENTITY,
        [AccountId] int NOT NULL,
        [Trigger] nvarchar(16) NOT NULL,
        [State] nvarchar(16) NOT NULL,
        [QueuedOn] datetimeoffset NOT NULL,
        [StartedOn] datetimeoffset NULL,
        [EndedOn] datetimeoffset NULL,
        [WindowFrom] datetimeoffset NULL,
        [WindowTo] datetimeoffset NULL,
        [OrdersSeen] int NOT NULL,
        [OrdersCreated] int NOT NULL,
        [OrdersUpdated] int NOT NULL,
        [OrdersSkipped] int NOT NULL,
        [OrdersFailed] int NOT NULL,
        [PagesRead] int NOT NULL,
        [ThrottleWaits] int NOT NULL,
        [ThrottleWaitMilliseconds] bigint NOT NULL,
        [Progress] int NOT NULL,
        [Error] nvarchar(2000) NULL,
        CONSTRAINT [PK_AmazonSyncRuns] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AmazonSyncRuns_AmazonAccounts_AccountId] FOREIGN KEY ([AccountId]) REFERENCES [AmazonAccounts] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123092414_OrderSync'
)
BEGIN
    CREATE TABLE [AmazonOrderItemLinks] (
        [Id] int NOT NULL IDENTITY,
        [OrderLinkId] int NOT NULL,
        [OrderItemId] nvarchar(32) NOT NULL,
        [Sku] nvarchar(64) NOT NULL,
        [ProductId] int NOT NULL,
        [QuantityOrdered] int NOT NULL,
        [QuantityShipped] int NOT NULL,
        CONSTRAINT [PK_AmazonOrderItemLinks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AmazonOrderItemLinks_AmazonOrderLinks_OrderLinkId] FOREIGN KEY ([OrderLinkId]) REFERENCES [AmazonOrderLinks] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123092414_OrderSync'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AmazonOrderItemLinks_OrderLinkId_OrderItemId] ON [AmazonOrderItemLinks] ([OrderLinkId], [OrderItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123092414_OrderSync'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AmazonOrderLinks_AccountId_AmazonOrderId] ON [AmazonOrderLinks] ([AccountId], [AmazonOrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123092414_OrderSync'
)
BEGIN
    CREATE INDEX [IX_AmazonOrderLinks_AccountId_State] ON [AmazonOrderLinks] ([AccountId], [State]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123092414_OrderSync'
)
BEGIN
    CREATE INDEX [IX_AmazonOrderLinks_SalesOrderId] ON [AmazonOrderLinks] ([SalesOrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123092414_OrderSync'
)
BEGIN
    CREATE INDEX [IX_AmazonSyncRuns_AccountId_QueuedOn] ON [AmazonSyncRuns] ([AccountId], [QueuedOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261123092414_OrderSync'
)
BEGIN
    INSERT INTO [AmazonMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123092414_OrderSync', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130111526_SyncAtScale'
)
BEGIN
    DROP INDEX [IX_AmazonOrderLinks_AccountId_State] ON [AmazonOrderLinks];
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130111526_SyncAtScale'
)
BEGIN
    ALTER TABLE [AmazonSyncRuns] ADD [JobId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130111526_SyncAtScale'
)
BEGIN
    ALTER TABLE [AmazonOrderLinks] ADD [FailedUpdateDate] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130111526_SyncAtScale'
)
BEGIN
    ALTER TABLE [AmazonOrderLinks] ADD [NextAttemptOn] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130111526_SyncAtScale'
)
BEGIN
    ALTER TABLE [AmazonAccounts] ADD [NextSyncOn] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130111526_SyncAtScale'
)
BEGIN
    CREATE INDEX [IX_AmazonSyncRuns_State_AccountId] ON [AmazonSyncRuns] ([State], [AccountId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130111526_SyncAtScale'
)
BEGIN
    CREATE INDEX [IX_AmazonOrderLinks_AccountId_State_NextAttemptOn] ON [AmazonOrderLinks] ([AccountId], [State], [NextAttemptOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130111526_SyncAtScale'
)
BEGIN
    CREATE INDEX [IX_AmazonOrderLinks_AmazonOrderId] ON [AmazonOrderLinks] ([AmazonOrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130111526_SyncAtScale'
)
BEGIN
    INSERT INTO [AmazonMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130111526_SyncAtScale', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130124041_HostOwnsContract'
)
BEGIN
    DROP TABLE [AmazonDataProtectionKeys];
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130124041_HostOwnsContract'
)
BEGIN
    DROP INDEX [IX_AmazonOrderLinks_SalesOrderId] ON [AmazonOrderLinks];
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AmazonOrderLinks]') AND [c].[name] = N'SalesOrderId');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [AmazonOrderLinks] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [AmazonOrderLinks] ALTER COLUMN [SalesOrderId] nvarchar(64) NULL;
    CREATE INDEX [IX_AmazonOrderLinks_SalesOrderId] ON [AmazonOrderLinks] ([SalesOrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130124041_HostOwnsContract'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AmazonOrderItemLinks]') AND [c].[name] = N'ProductId');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [AmazonOrderItemLinks] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [AmazonOrderItemLinks] ALTER COLUMN [ProductId] nvarchar(64) NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130124041_HostOwnsContract'
)
BEGIN
    DROP INDEX [IX_AmazonOffers_ProductId] ON [AmazonOffers];
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AmazonOffers]') AND [c].[name] = N'ProductId');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [AmazonOffers] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [AmazonOffers] ALTER COLUMN [ProductId] nvarchar(64) NOT NULL;
    CREATE INDEX [IX_AmazonOffers_ProductId] ON [AmazonOffers] ([ProductId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130124041_HostOwnsContract'
)
BEGIN
    DECLARE @var3 nvarchar(max);
    SELECT @var3 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AmazonDefaultProducts]') AND [c].[name] = N'ProductId');
    IF @var3 IS NOT NULL EXEC(N'ALTER TABLE [AmazonDefaultProducts] DROP CONSTRAINT ' + @var3 + ';');
    ALTER TABLE [AmazonDefaultProducts] ALTER COLUMN [ProductId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130124041_HostOwnsContract'
)
BEGIN
    DECLARE @var4 nvarchar(max);
    SELECT @var4 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AmazonAccounts]') AND [c].[name] = N'CompanyId');
    IF @var4 IS NOT NULL EXEC(N'ALTER TABLE [AmazonAccounts] DROP CONSTRAINT ' + @var4 + ';');
    ALTER TABLE [AmazonAccounts] ALTER COLUMN [CompanyId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130124041_HostOwnsContract'
)
BEGIN
    ALTER TABLE [AmazonAccounts] ADD [CheckedEndpoint] nvarchar(256) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130124041_HostOwnsContract'
)
BEGIN
    INSERT INTO [AmazonMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130124041_HostOwnsContract', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130152725_SellingPartnerAccounts'
)
BEGIN
    DECLARE @var5 nvarchar(max);
    SELECT @var5 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AmazonAccounts]') AND [c].[name] = N'Api');
    IF @var5 IS NOT NULL EXEC(N'ALTER TABLE [AmazonAccounts] DROP CONSTRAINT ' + @var5 + ';');
    ALTER TABLE [AmazonAccounts] ALTER COLUMN [Api] nvarchar(16) NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130152725_SellingPartnerAccounts'
)
BEGIN
    UPDATE "AmazonAccounts" SET "Api" = 'SellingPartner' WHERE "Api" = 'SpApi'
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130152725_SellingPartnerAccounts'
)
BEGIN
    INSERT INTO [AmazonMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130152725_SellingPartnerAccounts', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130153659_AccountReauthorization'
)
BEGIN
    ALTER TABLE [AmazonAccounts] ADD [ReauthorizationNeededSince] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130153659_AccountReauthorization'
)
BEGIN
    ALTER TABLE [AmazonAccounts] ADD [ReauthorizationReason] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130153659_AccountReauthorization'
)
BEGIN
    INSERT INTO [AmazonMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130153659_AccountReauthorization', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130165024_AccountOrdersApiVersion'
)
BEGIN
    ALTER TABLE [AmazonAccounts] ADD [OrdersApiVersion] nvarchar(16) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130165024_AccountOrdersApiVersion'
)
BEGIN
    EXEC(N'UPDATE [AmazonAccounts] SET [OrdersApiVersion] = ''v0'' WHERE [Api] = ''SellingPartner''')
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130165024_AccountOrdersApiVersion'
)
BEGIN
    INSERT INTO [AmazonMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130165024_AccountOrdersApiVersion', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130180413_FinancialEvents'
)
BEGIN
    ALTER TABLE [AmazonAccounts] ADD [FinancesWatermark] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130180413_FinancialEvents'
)
BEGIN
    CREATE TABLE [AmazonFinancialEvents] (
        [Id] int NOT NULL IDENTITY,
        [AccountId] int NOT NULL,
        [Kind] nvarchar(16) NOT NULL,
        [AmazonOrderId] nvarchar(32) NOT NULL,
        [PostedDate] datetimeoffset NOT NULL,
        [CurrencyCode] nvarchar(3) NOT NULL,
        [Charges] decimal(18,4) NOT NULL,
        [Fees] decimal(18,4) NOT NULL,
        [Promotions] decimal(18,4) NOT NULL,
        [TaxWithheld] decimal(18,4) NOT NULL,
        [Total] decimal(18,4) NOT NULL,
        [EventKey] nvarchar(64) NOT NULL,
        [Source] nvarchar(16) NOT NULL,
        [ImportedOn] datetimeoffset NOT NULL,
        CONSTRAINT [PK_AmazonFinancialEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AmazonFinancialEvents_AmazonAccounts_AccountId] FOREIGN KEY ([AccountId]) REFERENCES [AmazonAccounts] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130180413_FinancialEvents'
)
BEGIN
    CREATE TABLE [AmazonFinancialEventAmounts] (
        [Id] int NOT NULL IDENTITY,
        [EventId] int NOT NULL,
        [OrderItemId] nvarchar(32) NULL,
        [SellerSku] nvarchar(64) NULL,
        [Kind] nvarchar(16) NOT NULL,
        [Type] nvarchar(64) NOT NULL,
        [Amount] decimal(18,4) NOT NULL,
        CONSTRAINT [PK_AmazonFinancialEventAmounts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AmazonFinancialEventAmounts_AmazonFinancialEvents_EventId] FOREIGN KEY ([EventId]) REFERENCES [AmazonFinancialEvents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130180413_FinancialEvents'
)
BEGIN
    CREATE INDEX [IX_AmazonFinancialEventAmounts_EventId] ON [AmazonFinancialEventAmounts] ([EventId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130180413_FinancialEvents'
)
BEGIN
    CREATE INDEX [IX_AmazonFinancialEvents_AccountId_AmazonOrderId] ON [AmazonFinancialEvents] ([AccountId], [AmazonOrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130180413_FinancialEvents'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AmazonFinancialEvents_AccountId_EventKey] ON [AmazonFinancialEvents] ([AccountId], [EventKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130180413_FinancialEvents'
)
BEGIN
    CREATE INDEX [IX_AmazonFinancialEvents_PostedDate] ON [AmazonFinancialEvents] ([PostedDate]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130180413_FinancialEvents'
)
BEGIN
    INSERT INTO [AmazonMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130180413_FinancialEvents', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130181655_Reconciliations'
)
BEGIN
    CREATE TABLE [AmazonReconciliations] (
        [Id] int NOT NULL IDENTITY,
        [AccountId] int NOT NULL,
        [AmazonOrderId] nvarchar(32) NOT NULL,
        [SalesOrderId] nvarchar(64) NULL,
        [CurrencyCode] nvarchar(3) NOT NULL,
        [Expected] decimal(18,4) NOT NULL,
        [Paid] decimal(18,4) NOT NULL,
        [Fees] decimal(18,4) NOT NULL,
        [Difference] decimal(18,4) NOT NULL,
        [State] nvarchar(16) NOT NULL,
        [Reason] nvarchar(1000) NULL,
        [FeesPosted] decimal(18,4) NOT NULL,
        [FeeEntries] int NOT NULL,
        [FeeEntryId] nvarchar(64) NULL,
        [WrittenOff] decimal(18,4) NOT NULL,
        [WriteOffEntries] int NOT NULL,
        [WriteOffEntryId] nvarchar(64) NULL,
        [ApprovedBy] nvarchar(128) NULL,
        [ApprovedOn] datetimeoffset NULL,
        [ApprovalComment] nvarchar(1000) NULL,
        [MatchedOn] datetimeoffset NOT NULL,
        CONSTRAINT [PK_AmazonReconciliations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AmazonReconciliations_AmazonAccounts_AccountId] FOREIGN KEY ([AccountId]) REFERENCES [AmazonAccounts] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130181655_Reconciliations'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AmazonReconciliations_AccountId_AmazonOrderId] ON [AmazonReconciliations] ([AccountId], [AmazonOrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130181655_Reconciliations'
)
BEGIN
    CREATE INDEX [IX_AmazonReconciliations_State_AccountId] ON [AmazonReconciliations] ([State], [AccountId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130181655_Reconciliations'
)
BEGIN
    INSERT INTO [AmazonMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130181655_Reconciliations', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130193625_ShipmentConfirmations'
)
BEGIN
    ALTER TABLE [AmazonAccounts] ADD [ShipmentsWatermark] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130193625_ShipmentConfirmations'
)
BEGIN
    CREATE TABLE [AmazonShipmentFeeds] (
        [Id] int NOT NULL IDENTITY,
        [AccountId] int NOT NULL,
        [State] nvarchar(16) NOT NULL,
        [FeedSubmissionId] nvarchar(64) NULL,
        [Messages] int NOT NULL,
        [PreparedOn] datetimeoffset NOT NULL,
        [SubmittedOn] datetimeoffset NULL,
        [CompletedOn] datetimeoffset NULL,
        CONSTRAINT [PK_AmazonShipmentFeeds] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AmazonShipmentFeeds_AmazonAccounts_AccountId] FOREIGN KEY ([AccountId]) REFERENCES [AmazonAccounts] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130193625_ShipmentConfirmations'
)
BEGIN
    CREATE TABLE [AmazonShipments] (
        [Id] int NOT NULL IDENTITY,
        [AccountId] int NOT NULL,
        [DeliveryId] nvarchar(64) NOT NULL,
        [SalesOrderId] nvarchar(64) NOT NULL,
        [AmazonOrderId] nvarchar(32) NOT NULL,
        [Carrier] nvarchar(64) NULL,
        [CarrierCode] nvarchar(64) NULL,
        [ShippingMethod] nvarchar(64) NULL,
        [TrackingNumber] nvarchar(64) NULL,
        [ShipDate] datetimeoffset NOT NULL,
        [ValidatedOn] datetimeoffset NOT NULL,
        [State] nvarchar(16) NOT NULL,
        [Message] nvarchar(1000) NULL,
        [Attempts] int NOT NULL,
        [FeedId] int NULL,
        [FeedSubmissionId] nvarchar(64) NULL,
        [MessageId] int NULL,
        [CreatedOn] datetimeoffset NOT NULL,
        [SentOn] datetimeoffset NULL,
        [ConfirmedOn] datetimeoffset NULL,
        [UpdatedOn] datetimeoffset NOT NULL,
        CONSTRAINT [PK_AmazonShipments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AmazonShipments_AmazonAccounts_AccountId] FOREIGN KEY ([AccountId]) REFERENCES [AmazonAccounts] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130193625_ShipmentConfirmations'
)
BEGIN
    CREATE TABLE [AmazonShipmentLines] (
        [Id] int NOT NULL IDENTITY,
        [ShipmentId] int NOT NULL,
        [OrderItemId] nvarchar(32) NOT NULL,
        [Quantity] int NOT NULL,
        CONSTRAINT [PK_AmazonShipmentLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AmazonShipmentLines_AmazonShipments_ShipmentId] FOREIGN KEY ([ShipmentId]) REFERENCES [AmazonShipments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130193625_ShipmentConfirmations'
)
BEGIN
    CREATE INDEX [IX_AmazonShipmentFeeds_AccountId_State] ON [AmazonShipmentFeeds] ([AccountId], [State]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130193625_ShipmentConfirmations'
)
BEGIN
    CREATE INDEX [IX_AmazonShipmentLines_ShipmentId] ON [AmazonShipmentLines] ([ShipmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130193625_ShipmentConfirmations'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AmazonShipments_AccountId_DeliveryId] ON [AmazonShipments] ([AccountId], [DeliveryId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130193625_ShipmentConfirmations'
)
BEGIN
    CREATE INDEX [IX_AmazonShipments_AccountId_State] ON [AmazonShipments] ([AccountId], [State]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130193625_ShipmentConfirmations'
)
BEGIN
    CREATE INDEX [IX_AmazonShipments_AmazonOrderId] ON [AmazonShipments] ([AmazonOrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130193625_ShipmentConfirmations'
)
BEGIN
    INSERT INTO [AmazonMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130193625_ShipmentConfirmations', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130200500_DataProtection'
)
BEGIN
    ALTER TABLE [AmazonOrderLinks] ADD [BuyerDataErasedOn] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130200500_DataProtection'
)
BEGIN
    CREATE TABLE [AmazonAuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [At] datetimeoffset NOT NULL,
        [User] nvarchar(256) NOT NULL,
        [RemoteAddress] nvarchar(64) NULL,
        [Action] nvarchar(32) NOT NULL,
        [EntityType] nvarchar(32) NOT NULL,
        [EntityKey] nvarchar(256) NOT NULL,
        [Changes] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_AmazonAuditEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130200500_DataProtection'
)
BEGIN
    CREATE TABLE [AmazonDataPurges] (
        [Id] int NOT NULL IDENTITY,
        [StartedOn] datetimeoffset NOT NULL,
        [EndedOn] datetimeoffset NULL,
        [RetentionDays] int NOT NULL,
        [Orders] int NOT NULL,
        [Partners] int NOT NULL,
        [Kept] nvarchar(1000) NULL,
        [AuditEntriesPurged] int NOT NULL,
        [Error] nvarchar(1000) NULL,
        CONSTRAINT [PK_AmazonDataPurges] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130200500_DataProtection'
)
BEGIN
    CREATE INDEX [IX_AmazonAuditEntries_At] ON [AmazonAuditEntries] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130200500_DataProtection'
)
BEGIN
    CREATE INDEX [IX_AmazonAuditEntries_EntityType_EntityKey] ON [AmazonAuditEntries] ([EntityType], [EntityKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [AmazonMigrationsHistory]
    WHERE [MigrationId] = N'20261130200500_DataProtection'
)
BEGIN
    INSERT INTO [AmazonMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130200500_DataProtection', N'10.0.14');
END;

COMMIT;
GO
