using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Model.Conversations;

public sealed partial class ConversationGenerator
{
    /// <summary>Assembles the participants of one conversation on an absolute millisecond timeline.</summary>
    private sealed partial class Builder
    {
        private readonly ConversationGenerator _g;
        private readonly SeededRandom _r;
        private readonly DateTimeOffset _start;
        private readonly string _media;
        private readonly AnalyticsConversation _c;
        private readonly HashSet<string> _divisions = new(StringComparer.Ordinal);
        private readonly string _customerName;
        private readonly string _customerAddress;
        private readonly string _ourAddress;
        private AnalyticsSession _customerSession = new();

        public Builder(ConversationGenerator g, SeededRandom r, long k, DateTimeOffset start, string media, bool outbound)
        {
            _g = g;
            _r = r;
            _start = start;
            _media = media;
            _c = new AnalyticsConversation { Index = k, ConversationId = r.NextGuid().ToString(), ConversationStart = start };
            _customerName = $"{r.Pick(NameLists.FirstNames)} {r.Pick(NameLists.LastNames)}";
            (_customerAddress, _ourAddress) = AddressesFor(r, media, outbound, _customerName);
            _callbackNumber = media == "callback" ? CallbackNumberFor(r, _customerAddress) : null;
        }

        private DateTimeOffset At(double ms) => _start.AddMilliseconds(Math.Round(ms));

        private string NewId() => _r.NextGuid().ToString();

        /// <summary>A random duration in whole milliseconds, so segment boundaries and metric values agree exactly.</summary>
        private double Skew(double median, double sigma, double min, double max) => Math.Round(_r.Skewed(median, sigma, min, max));

        private double _longOpenMs;

        /// <summary>A long-open conversation: its first queue wait (email) or agent talk (message) lasts this much longer.</summary>
        public void StayOpenFor(double ms) => _longOpenMs = ms;

        /// <summary>The long-open stretch, once (0 when there is none or it was taken).</summary>
        private double TakeLongOpen()
        {
            var ms = _longOpenMs;
            _longOpenMs = 0;
            return ms;
        }

        public Built BuildInbound()
        {
            _c.OriginatingDirection = "inbound";
            _c.ConversationInitiator = "customer";
            _c.CustomerParticipation = true;
            if (_media == "voice") _c.MediaStatsMinConversationMos = Math.Round(3.6 + _r.NextDouble() * 0.8, 3);

            var customer = AddParticipant(_customerName, "customer", null);
            _customerSession = AddSession(customer, "inbound");
            _customerSession.Metrics.Add(Metric("nConnected", 1, 0));

            var t = 0.0;
            var queue = _g.PickQueue(_r);
            if (_media == "voice")
            {
                var ivrEnd = Skew(35_000, 0.5, 8_000, 180_000);
                var selfServed = _r.Chance(0.08);
                AddIvr(ivrEnd, selfServed ? null : queue);
                t = ivrEnd;
                if (selfServed) return Finish(t, customerHungUp: true);
            }
            else
            {
                t = _r.Between(200, 1500); // inbound routing flow hands the interaction to the queue
            }

            double end;
            var customerHungUp = _r.Chance(0.55);
            var leg = AcdLeg(queue, t, allowAbandon: true);
            if (leg is null) return Finish(_lastAbandon, customerHungUp: true);
            var transfer = _r.Chance(0.08);
            var firstEnd = transfer ? "transfer" : customerHungUp ? "peer" : "client";
            end = AgentLeg(queue, leg.Value.Answer, leg.Value.AlertStart, leg.Value.Wait, firstEnd, outboundDialMs: 0, out var firstAgent);
            if (transfer)
            {
                var second = _g.PickQueue(_r, except: queue);
                var leg2 = AcdLeg(second, end, allowAbandon: true, exceptUserId: firstAgent);
                if (leg2 is null) return Finish(_lastAbandon, customerHungUp: true);
                var secondEnd = customerHungUp ? "peer" : "client";
                end = AgentLeg(second, leg2.Value.Answer, leg2.Value.AlertStart, leg2.Value.Wait, secondEnd, 0, out _);
            }

            return Finish(end, customerHungUp);
        }

        public Built BuildOutbound()
        {
            // An agent calls, e-mails or texts the customer on behalf of a queue.
            _c.OriginatingDirection = "outbound";
            _c.ConversationInitiator = "agent";
            _c.CustomerParticipation = true;
            if (_media == "voice") _c.MediaStatsMinConversationMos = Math.Round(3.6 + _r.NextDouble() * 0.8, 3);
            var queue = _g.PickQueue(_r);
            var dialMs = _media == "voice" ? Skew(9_000, 0.4, 2_000, 40_000) : 0;
            var customerHungUp = _r.Chance(0.4);
            var end = AgentLeg(queue, 0, null, 0, customerHungUp ? "peer" : "client", dialMs, out _, outbound: true);

            var customer = AddParticipant(_customerName, "external", null);
            _customerSession = AddSession(customer, "outbound");
            _customerSession.Metrics.Add(Metric("nConnected", 1, dialMs));
            _customerStart = dialMs;
            return Finish(end, customerHungUp);
        }

        private double _customerStart;
        private double _lastAbandon;

        private Built Finish(double endMs, bool customerHungUp)
        {
            _customerSession.Segments.Add(Segment("interact", _customerStart, endMs, null, customerHungUp ? "endpoint" : "peer"));
            _c.ConversationEnd = At(endMs);
            _c.DivisionIds = _divisions.Count > 0 ? _divisions.ToList() : [_g._org.Divisions[0].Id];
            // Wrap-up may run past conversationEnd; the record is complete only once the last segment has ended.
            var last = _c.Participants.SelectMany(p => p.Sessions).SelectMany(s => s.Segments).Max(s => s.SegmentEnd!.Value);
            var lastMetric = _c.Participants.SelectMany(p => p.Sessions).SelectMany(s => s.Metrics).Max(m => m.EmitDate!.Value);
            _c.Participants = _c.Participants.OrderBy(p => PurposeOrder(p.Purpose)).ToList();
            return new Built(_c, last > lastMetric ? last : lastMetric);
        }

        private static int PurposeOrder(string? purpose) => purpose switch
        {
            "customer" or "external" => 0,
            "ivr" => 1,
            _ => 2, // acd/agent keep their chronological order (OrderBy is stable)
        };

        private void AddIvr(double ivrEnd, Queue? target)
        {
            var ivr = AddParticipant("Main IVR", "ivr", null);
            var s = AddSession(ivr, "inbound");
            s.PeerId = _customerSession.SessionId;
            s.Flow = new AnalyticsFlow
            {
                FlowId = _g._ivrFlowId, FlowName = "Main IVR", FlowType = "INBOUNDCALL", FlowVersion = "12.0",
                EntryType = "dnis", EntryReason = _ourAddress,
                ExitReason = target is null ? "DISCONNECT" : "TRANSFER",
                TransferType = target is null ? null : "ACD",
                TransferTargetName = target?.Name,
                TransferTargetAddress = target?.Id,
            };
            s.Segments.Add(Segment("ivr", 0, ivrEnd, null, target is null ? "peer" : "transfer"));
        }

        /// <summary>Queue wait; null when the customer abandons (then <see cref="_lastAbandon"/> is the abandon time).</summary>
        private (double Answer, double AlertStart, double Wait)? AcdLeg(Queue queue, double enter, bool allowAbandon,
            string? exceptUserId = null)
        {
            _divisions.Add(queue.Division.Id);
            var acd = AddParticipant(queue.Name, "acd", null);
            var s = AddSession(acd, "inbound");
            s.PeerId = _customerSession.SessionId;
            s.RequestedRoutings = ["Standard"];
            s.UsedRouting = "Standard";
            s.Metrics.Add(Metric("nOffered", 1, enter));

            var median = _media == "email" ? 900_000 : _media == "message" ? 60_000 : 25_000;
            var wait = Skew(median, 1.0, 1_000, _media == "email" ? 7_200_000 : 1_200_000);
            var abandonP = _media switch { "voice" => 0.08, "chat" => 0.06, "message" => 0.03, _ => 0.0 };
            if (allowAbandon && _r.Chance(abandonP))
            {
                var patience = Skew(45_000, 0.8, 2_000, 900_000);
                var gone = enter + Math.Min(wait, patience) + TakeLongOpen(); // a long-open one gives up only after days
                s.Segments.Add(Segment("interact", enter, gone, queue.Id, "peer"));
                s.Metrics.Add(Metric("tAcd", gone - enter, gone));
                s.Metrics.Add(Metric("tAbandon", gone - enter, gone));
                _lastAbandon = gone;
                return null;
            }

            var drawnWait = wait; // the draws below follow the drawn wait, not a long-open stretch
            if (_media == "email") wait += TakeLongOpen();
            var answer = enter + wait;
            var alertMs = Math.Min(wait - 100, Skew(6_000, 0.5, 1_500, 25_000));
            var alertStart = answer - Math.Max(200, alertMs);
            if (alertStart < enter) alertStart = enter;

            // Now and then the first agent lets it ring out and the call goes to a second agent.
            if (drawnWait > 20_000 && _r.Chance(0.05))
            {
                var missed = _g.PickAgent(_r, queue, exceptUserId);
                var mp = AddParticipant(missed.Name, "agent", missed.Id);
                var ms = AddSession(mp, "inbound");
                ms.PeerId = _customerSession.SessionId;
                ms.Remote = _customerName;
                var ringStart = Math.Round(enter + (alertStart - enter) * 0.2);
                var ringEnd = Math.Min(alertStart - 100, ringStart + 15_000);
                ms.Segments.Add(Segment("alert", ringStart, ringEnd, queue.Id, "noAnswerTransfer"));
                ms.Metrics.Add(Metric("tNotResponding", ringEnd - ringStart, ringEnd));
                exceptUserId = missed.Id;
            }

            _nextAgentExcept = exceptUserId;
            s.Segments.Add(Segment("interact", enter, answer, queue.Id, "transfer"));
            s.Metrics.Add(Metric("tAcd", wait, answer));
            if (wait > 20_000 && _media is "voice" or "chat") s.Metrics.Add(Metric("nOverSla", 1, answer));
            return (answer, alertStart, wait);
        }

        private string? _nextAgentExcept;

        /// <summary>One agent: (dialing|alert) → interact/hold… → wrapup. Returns when the agent's conversation part ended.</summary>
        private double AgentLeg(Queue queue, double answer, double? alertStart, double wait, string endDisconnect, double outboundDialMs,
            out string agentId, bool outbound = false)
        {
            _divisions.Add(queue.Division.Id);
            var agent = _g.PickAgent(_r, queue, _nextAgentExcept);
            agentId = agent.Id;
            var p = AddParticipant(agent.Name, "agent", agent.Id);
            var s = AddSession(p, outbound ? "outbound" : "inbound");
            s.Remote = _customerName;
            s.Recording = _media == "voice" ? true : null;
            if (_customerSession.SessionId is not null && !outbound) s.PeerId = _customerSession.SessionId;

            var t = outbound ? Dial(s, queue, outboundDialMs) : Alert(s, queue, alertStart!.Value, answer, wait);
            var (disconnected, talked, held) = Talk(s, queue, t, endDisconnect);
            var acw = WrapUp(s, queue, disconnected);
            // Handle time = talk + hold + after-call work (+ dialing for outbound), emitted when ACW completes.
            s.Metrics.Add(Metric("tHandle", talked + held + acw + outboundDialMs, disconnected + acw));
            _nextAgentExcept = null;
            return disconnected;
        }

        /// <summary>An outbound interaction: a call is dialled from 0 until the customer answers; an e-mail or a
        /// message is written at once (no dialing).</summary>
        private double Dial(AnalyticsSession s, Queue queue, double dialMs)
        {
            s.Metrics.Add(Metric("nOutbound", 1, 0));
            if (dialMs <= 0) return 0;
            s.Segments.Add(Segment("dialing", 0, dialMs, queue.Id, null));
            s.Metrics.Add(Metric("tDialing", dialMs, dialMs));
            return dialMs;
        }

        /// <summary>An inbound interaction rings at the agent until answered.</summary>
        private double Alert(AnalyticsSession s, Queue queue, double alertStart, double answer, double wait)
        {
            s.Segments.Add(Segment("alert", alertStart, answer, queue.Id, null));
            s.Metrics.Add(Metric("tAlert", answer - alertStart, answer));
            s.Metrics.Add(Metric("tAnswered", wait, answer));
            return answer;
        }

        /// <summary>Talk from <paramref name="t"/>, voice with up to two holds; returns when the agent's part ended.</summary>
        private (double Disconnected, double Talked, double Held) Talk(AnalyticsSession s, Queue queue, double t, string endDisconnect)
        {
            var talkMedian = _media switch
            {
                "chat" => 480_000,
                "message" => 600_000,
                "email" => 300_000,
                "callback" => 200_000,
                _ => 240_000,
            };
            var talkTotal = Skew(talkMedian, 0.6, 20_000, 3_600_000) + TakeLongOpen();
            var holds = _media == "voice" ? (_r.Chance(0.65) ? 0 : _r.Chance(0.7) ? 1 : 2) : 0;
            var talkPieces = Split(talkTotal, holds + 1);
            double talked = 0, held = 0;
            for (var i = 0; i <= holds; i++)
            {
                var last = i == holds;
                s.Segments.Add(Segment("interact", t, t + talkPieces[i], queue.Id, last ? endDisconnect : null));
                talked += talkPieces[i];
                t += talkPieces[i];
                if (last) break;
                var hold = Skew(45_000, 0.6, 5_000, 600_000);
                s.Segments.Add(Segment("hold", t, t + hold, queue.Id, null));
                s.Metrics.Add(Metric("tHeld", hold, t + hold));
                held += hold;
                t += hold;
            }

            s.Metrics.Add(Metric("tTalk", talked, t));
            s.Metrics.Add(Metric("tTalkComplete", talked, t));
            if (holds > 0) s.Metrics.Add(Metric("tHeldComplete", held, t));
            if (endDisconnect == "transfer") s.Metrics.Add(Metric("nTransferred", 1, t));
            return (t, talked, held);
        }

        /// <summary>
        /// After-call work from <paramref name="disconnected"/>, with a wrap-up code (and sometimes a note); returns its length.
        /// </summary>
        private double WrapUp(AnalyticsSession s, Queue queue, double disconnected)
        {
            var acw = Skew(30_000, 0.7, 3_000, 600_000);
            var code = _r.Pick(_g._org.WrapupCodes);
            var wrap = Segment("wrapup", disconnected, disconnected + acw, queue.Id, null);
            wrap.WrapUpCode = code.Id;
            if (_r.Chance(0.2)) wrap.WrapUpNote = $"{code.Name} - {_customerName}";
            s.Segments.Add(wrap);
            s.Metrics.Add(Metric("tAcw", acw, disconnected + acw));
            return acw;
        }

        private double[] Split(double total, int pieces)
        {
            var w = Enumerable.Range(0, pieces).Select(_ => 0.3 + _r.NextDouble()).ToArray();
            var sum = w.Sum();
            var parts = w.Select(x => Math.Round(total * x / sum)).ToArray();
            return parts;
        }

        private AnalyticsParticipant AddParticipant(string name, string purpose, string? userId)
        {
            var p = new AnalyticsParticipant { ParticipantId = NewId(), ParticipantName = name, Purpose = purpose, UserId = userId };
            _c.Participants.Add(p);
            return p;
        }

        private AnalyticsSession AddSession(AnalyticsParticipant p, string direction)
        {
            var s = new AnalyticsSession
            {
                SessionId = NewId(),
                MediaType = _media,
                Direction = direction,
                Provider = _media switch
                {
                    "voice" => "Edge",
                    "chat" => "PureCloud Webchat v2",
                    "message" => "PureCloud Messaging",
                    "email" => "PureCloud Email",
                    _ => "PureCloud Callback",
                },
            };
            SetAddresses(s, direction == "outbound");
            p.Sessions.Add(s);
            return s;
        }

        private AnalyticsConversationSegment Segment(string type, double fromMs, double toMs, string? queueId, string? disconnectType)
            => new()
            {
                SegmentStart = At(fromMs),
                SegmentEnd = At(toMs),
                SegmentType = type,
                QueueId = queueId,
                DisconnectType = disconnectType,
                Conference = false,
            };

        private AnalyticsSessionMetric Metric(string name, double value, double emitMs)
            => new() { Name = name, Value = (long)Math.Round(value), EmitDate = At(emitMs) };
    }
}
