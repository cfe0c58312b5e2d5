// The engine's namespaces, for every test file.
global using GenesysConvo.Core.Analytics;
global using GenesysConvo.Core.Analytics.Details;
global using GenesysConvo.Core.Api;
global using GenesysConvo.Core.Api.Models;
global using GenesysConvo.Core.Auth;
global using GenesysConvo.Core.Conversations;
global using GenesysConvo.Core.Conversations.Export;
global using GenesysConvo.Core.Conversations.History;
global using GenesysConvo.Core.Conversations.Live;
global using GenesysConvo.Core.Diagnostics;
global using GenesysConvo.Core.Http;
global using GenesysConvo.Core.Json;
global using GenesysConvo.Core.Metrics;
global using GenesysConvo.Core.Names;
global using GenesysConvo.Core.Session;
