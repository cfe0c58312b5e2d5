using GenesysConvo.Emulator.Model.Conversations;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Model.Live;

/// <summary>
/// Maps a generated analytics record, cut at the emulator's "now", to the Conversations API's <see cref="ConversationModel"/>.
/// One participant per analytics participant (same id), one communication per session (same id), in the media array of
/// the conversation's media type. A communication's state comes from its open segment: alert → alerting,
/// dialing → dialing, interact/ivr/hold → connected (hold: held true); no open segment → disconnected. Wrap-up is not
/// part of the communication: an agent in ACW has a disconnected communication with afterCallWork.state pending.
/// </summary>
public static class ConversationView
{
    /// <summary>Our address, the customer's address and name, as both sides of a communication show them.</summary>
    private sealed record Parties(string? OurAddress, string? CustomerAddress, string? CustomerName);

    public static ConversationModel Map(AnalyticsConversation record, SyntheticOrg org)
    {
        var conversationId = record.ConversationId!;
        var media = record.Participants.SelectMany(p => p.Sessions).First().MediaType!;
        var parties = PartiesOf(record);
        var model = new ConversationModel
        {
            Id = conversationId,
            StartTime = record.ConversationStart!.Value,
            EndTime = record.ConversationEnd,
            Address = parties.OurAddress,
            SelfUri = $"/api/v2/conversations/{conversationId}",
        };

        foreach (var p in record.Participants) model.Participants.Add(MapParticipant(p, media, parties, org));
        var recording = model.Participants.SelectMany(p => p.Calls ?? []).Any(c => c.RecordingState == "active");
        model.RecordingState = recording ? "ACTIVE" : "NONE";
        model.Divisions = DivisionsOf(record, model, org);
        return model;
    }

    private static Parties PartiesOf(AnalyticsConversation record)
    {
        var customer = record.Participants.FirstOrDefault(p => p.Purpose is "customer" or "external");
        var session = customer?.Sessions.FirstOrDefault();
        var outbound = record.OriginatingDirection == "outbound";
        var ours = session is null ? null : outbound ? session.AddressFrom : session.AddressTo;
        var theirs = session is null ? null : outbound ? session.AddressTo : session.AddressFrom;
        return new Parties(ours, theirs, customer?.ParticipantName);
    }

    private static ConversationParticipant MapParticipant(AnalyticsParticipant p, string media, Parties parties, SyntheticOrg org)
    {
        var session = p.Sessions.First();
        var isCustomer = p.Purpose is "customer" or "external";
        var comm = MapCommunication(p, session, media, isCustomer, parties, org);
        var queueId = p.Purpose is "acd" or "agent" ? session.Segments.FirstOrDefault(s => s.QueueId is not null)?.QueueId : null;
        var wrapSegment = session.Segments.FirstOrDefault(s => s.SegmentType == "wrapup");
        var participant = new ConversationParticipant
        {
            Id = p.ParticipantId,
            StartTime = session.Segments.Min(s => s.SegmentStart),
            EndTime = comm.DisconnectedTime,
            ConnectedTime = comm.ConnectedTime,
            Name = p.ParticipantName,
            UserId = p.UserId,
            UserUri = p.UserId is null ? null : $"/api/v2/users/{p.UserId}",
            QueueId = queueId,
            QueueName = queueId is null ? null : org.FindQueue(queueId)?.Name,
            Purpose = p.Purpose,
            Address = isCustomer ? parties.CustomerAddress : parties.OurAddress,
            Ani = session.Ani,
            Dnis = session.Dnis,
            WrapupRequired = p.Purpose == "agent" ? comm.AfterCallWorkRequired : null,
            Wrapup = comm.Wrapup,
            StartAcwTime = wrapSegment?.SegmentStart,
            EndAcwTime = wrapSegment?.SegmentEnd,
        };
        if (p.Attributes is not null)
            foreach (var (key, value) in p.Attributes) participant.Attributes[key] = value;

        var list = new List<Communication> { comm };
        switch (media)
        {
            case "voice": participant.Calls = list; break;
            case "callback": participant.Callbacks = list; break;
            case "chat": participant.Chats = list; break;
            case "email": participant.Emails = list; break;
            default: participant.Messages = list; break;
        }

        return participant;
    }

    /// <summary>The conversation's divisions (as in the analytics record) with the queues of this conversation seen so far.</summary>
    private static List<ConversationDivisionMembership> DivisionsOf(AnalyticsConversation record, ConversationModel model, SyntheticOrg org)
    {
        var queues = model.Participants.Where(p => p.QueueId is not null).Select(p => org.FindQueue(p.QueueId!)).Where(q => q is not null)
            .Select(q => q!).DistinctBy(q => q.Id).ToList();
        return (record.DivisionIds ?? []).Select(id =>
        {
            var division = org.FindDivision(id);
            return new ConversationDivisionMembership
            {
                Division = new EntityRef(id, division?.Name, division?.SelfUri),
                Entities = queues.Where(q => q.Division.Id == id).Select(q => new EntityRef(q.Id, q.Name, q.SelfUri)).ToList(),
            };
        }).ToList();
    }

    private static Communication MapCommunication(AnalyticsParticipant p, AnalyticsSession s, string media, bool isCustomer,
        Parties parties, SyntheticOrg org)
    {
        var work = s.Segments.Where(x => x.SegmentType != "wrapup").OrderBy(x => x.SegmentStart).ToList();
        var open = work.FirstOrDefault(x => x.SegmentEnd is null);
        var last = work.LastOrDefault();
        var c = new Communication
        {
            Id = s.SessionId,
            State = open is null ? "disconnected" : StateOf(open.SegmentType),
            InitialState = work.Count == 0 ? null : StateOf(work[0].SegmentType),
            Direction = s.Direction,
            Held = open?.SegmentType == "hold",
            StartHoldTime = open?.SegmentType == "hold" ? open.SegmentStart : null,
            StartAlertingTime = work.FirstOrDefault(x => x.SegmentType == "alert")?.SegmentStart,
            ConnectedTime = work.FirstOrDefault(x => x.SegmentType is "interact" or "ivr" or "hold")?.SegmentStart,
            DisconnectedTime = open is null ? last?.SegmentEnd : null,
            DisconnectType = open is null ? DisconnectTypeOf(last?.DisconnectType) : null,
            Provider = s.Provider,
            PeerId = s.PeerId,
        };

        if (p.Purpose == "agent")
        {
            var missed = open is null && last?.DisconnectType == "noAnswerTransfer";
            AddAfterCallWork(c, s.Segments.FirstOrDefault(x => x.SegmentType == "wrapup"), missed, org);
        }

        AddMediaFields(c, p, s, media, open, isCustomer, parties);
        return c;
    }

    /// <summary>
    /// An agent's wrap-up: pending while the wrap-up segment is open, complete (with the code) after;
    /// a ring-no-answer agent has none to do.
    /// </summary>
    private static void AddAfterCallWork(Communication c, AnalyticsConversationSegment? wrap, bool missed, SyntheticOrg org)
    {
        c.AfterCallWorkRequired = !missed;
        if (wrap is null)
        {
            if (missed) c.AfterCallWork = new AfterCallWork { State = "notApplicable" };
            return;
        }

        var state = wrap.SegmentEnd is null ? "pending" : "complete";
        c.AfterCallWork = new AfterCallWork { StartTime = wrap.SegmentStart, EndTime = wrap.SegmentEnd, State = state };
        if (wrap.SegmentEnd is not { } wrapEnd || wrap.WrapUpCode is not { } code) return;
        c.Wrapup = new ConversationWrapup
        {
            Code = code,
            Name = org.FindWrapupCode(code)?.Name,
            Notes = wrap.WrapUpNote,
            DurationSeconds = (int)Math.Round((wrapEnd - wrap.SegmentStart!.Value).TotalSeconds),
            EndTime = wrapEnd,
        };
    }

    private static void AddMediaFields(Communication c, AnalyticsParticipant p, AnalyticsSession s, string media,
        AnalyticsConversationSegment? open, bool isCustomer, Parties parties)
    {
        switch (media)
        {
            case "voice":
                c.Recording = s.Recording == true;
                c.RecordingState = s.Recording == true && open is not null && open.SegmentType is "interact" or "hold" ? "active" : "none";
                c.Muted = false;
                c.Self = Address(isCustomer ? parties.CustomerName : p.ParticipantName,
                    isCustomer ? parties.CustomerAddress : parties.OurAddress);
                c.Other = Address(isCustomer ? null : parties.CustomerName, isCustomer ? parties.OurAddress : parties.CustomerAddress);
                break;
            case "callback":
                c.CallbackNumbers = s.CallbackNumbers;
                c.CallbackUserName = s.CallbackUserName;
                break;
            case "message":
                c.Type = s.MessageType;
                c.FromAddress = Address(null, s.AddressFrom);
                c.ToAddress = Address(null, s.AddressTo);
                break;
        }
    }

    private static string StateOf(string? segmentType) => segmentType switch
    {
        "alert" => "alerting",
        "dialing" => "dialing",
        "contacting" => "contacting",
        _ => "connected",
    };

    /// <summary>
    /// Analytics disconnectType → the Conversations API's enum (endpoint, client, peer, transfer, transfer.noanswer, system …).
    /// </summary>
    private static string? DisconnectTypeOf(string? analytics) => analytics switch
    {
        null => null,
        "noAnswerTransfer" => "transfer.noanswer",
        "conferenceTransfer" => "transfer.conference",
        "consultTransfer" => "transfer.consult",
        "forwardTransfer" => "transfer.forward",
        _ => analytics,
    };

    private static CommunicationAddress? Address(string? name, string? address)
        => address is null ? null : new CommunicationAddress
        {
            Name = name,
            AddressNormalized = address,
            AddressRaw = address,
            AddressDisplayable = address.StartsWith("tel:", StringComparison.Ordinal) ? address[4..] : address,
        };
}
