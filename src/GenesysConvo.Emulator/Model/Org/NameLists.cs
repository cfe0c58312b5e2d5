namespace GenesysConvo.Emulator.Model.Org;

/// <summary>Realistic names for the synthetic org. Order matters: indexes feed the seeded ids.</summary>
public static class NameLists
{
    public static readonly (string Name, string Description)[] Divisions =
    [
        ("Home", "The home division"),
        ("Customer Care", "Customer care and general enquiries"),
        ("Sales", "Inbound and outbound sales"),
        ("Finance", "Billing, payments and collections"),
        ("Technical Support", "Technical troubleshooting and escalations"),
    ];

    /// <summary>Queue name and the index of its division in <see cref="Divisions"/>.</summary>
    public static readonly (string Name, int Division)[] Queues =
    [
        ("Support - Tier 1", 4), ("Customer Care - General", 1), ("Billing", 3), ("Sales - Inbound", 2),
        ("Chat - General", 1), ("Technical Support - Internet", 4), ("Support - Tier 2", 4), ("Support - Tier 3", 4),
        ("Billing - Disputes", 3), ("Payments", 3), ("Collections", 3), ("Sales - Renewals", 2),
        ("Sales - Enterprise", 2), ("Sales - Upgrades", 2), ("Retention", 2), ("Technical Support - TV", 4),
        ("Technical Support - Mobile", 4), ("Technical Support - Escalations", 4), ("Customer Care - Spanish", 1),
        ("Customer Care - VIP", 1), ("Orders", 1), ("Returns", 1), ("Shipping", 1), ("Claims", 3),
        ("Onboarding", 2), ("Accounts", 3), ("Fraud", 3), ("Complaints", 1), ("Email - General", 1),
        ("Callbacks", 0),
    ];

    public static readonly string[] WrapupCodes =
    [
        "Resolved", "Resolved - First Contact", "Not Resolved", "Escalated", "Transferred", "Callback Scheduled",
        "Follow-up Required", "Billing Question", "Payment Taken", "Payment Arrangement", "Refund Issued",
        "Dispute Opened", "Address Change", "Account Update", "Password Reset", "Order Placed", "Order Status",
        "Order Cancelled", "Return Authorised", "Shipping Enquiry", "Technical Issue - Fixed",
        "Technical Issue - Ticket Raised", "Technician Dispatched", "Outage Information", "Sale - New Customer",
        "Sale - Upgrade", "Sale - Declined", "Renewal Completed", "Cancellation Request", "Cancellation Saved",
        "Complaint Logged", "Compliment", "General Enquiry", "Wrong Number", "Customer Disconnected",
        "No Answer", "Voicemail Left", "Spam", "Fraud Reported", "Survey Declined",
    ];

    public static readonly string[] AgentTitles =
        ["Contact Center Agent", "Senior Contact Center Agent", "Team Lead"];

    public static readonly string[] FirstNames =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Sandra", "Mark", "Margaret",
        "Donald", "Ashley", "Steven", "Kimberly", "Andrew", "Emily", "Paul", "Donna", "Joshua", "Michelle",
        "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "George", "Deborah", "Timothy", "Stephanie",
        "Sofia", "Mateo", "Aisha", "Wei", "Priya", "Lukas", "Chloe", "Omar", "Yuki", "Ingrid",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "O'Brien", "Kowalski", "Schmidt", "Rossi", "Tanaka", "Patel", "Okafor", "Novak", "Larsen", "Dubois",
    ];
}
