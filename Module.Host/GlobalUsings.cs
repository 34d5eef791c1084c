global using ErpAmazonModule.Host.Data;
global using Microsoft.EntityFrameworkCore;
