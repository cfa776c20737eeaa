package org.smsswitch.api;

import jakarta.jws.WebService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smsswitch.account.Account;
import org.smsswitch.api.ws.AccessDeniedFault;
import org.smsswitch.api.ws.CancelSend;
import org.smsswitch.api.ws.CancelSendResponse;
import org.smsswitch.api.ws.CheckOptIn;
import org.smsswitch.api.ws.CheckOptInResponse;
import org.smsswitch.api.ws.DeliveryStatus;
import org.smsswitch.api.ws.ForceOptOut;
import org.smsswitch.api.ws.GetContractUsage;
import org.smsswitch.api.ws.GetContractUsageResponse;
import org.smsswitch.api.ws.ForceOptOutResponse;
import org.smsswitch.api.ws.GetStatus;
import org.smsswitch.api.ws.GetStatusResponse;
import org.smsswitch.api.ws.ImmediateStatus;
import org.smsswitch.api.ws.InvalidRequestFault;
import org.smsswitch.api.ws.KeywordOptIn;
import org.smsswitch.api.ws.OptInEvent;
import org.smsswitch.api.ws.OutageReportResult;
import org.smsswitch.api.ws.MessageStatus;
import org.smsswitch.api.ws.NumberResult;
import org.smsswitch.api.ws.StatusCount;
import org.smsswitch.api.ws.Tag;
import org.smsswitch.api.ws.NotFoundFault;
import org.smsswitch.api.ws.NotImplementedFault;
import org.smsswitch.api.ws.OptIn;
import org.smsswitch.api.ws.OptInResponse;
import org.smsswitch.api.ws.Send;
import org.smsswitch.api.ws.SendList;
import org.smsswitch.api.ws.SendListResponse;
import org.smsswitch.api.ws.SendResponse;
import org.smsswitch.api.ws.ServiceUnavailableFault;
import org.smsswitch.api.ws.SmsPortType;
import org.smsswitch.api.ws.StatusTransition;
import org.smsswitch.api.ws.Subscription;
import org.smsswitch.api.ws.SubscriptionResponse;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.numbers.NumberList;
import org.smsswitch.numbers.PhoneNumber;
import org.smsswitch.numbers.NumberService;
import org.smsswitch.oms.OmsService;
import org.smsswitch.optin.OptInTag;
import org.smsswitch.optin.OptInKind;
import org.smsswitch.optin.OptInService;
import org.smsswitch.send.BulkSendService;
import org.smsswitch.send.CancelService;
import org.smsswitch.send.SendCommand;
import org.smsswitch.send.SendService;
import org.smsswitch.status.MessageView;
import org.smsswitch.status.StatusService;

/** The client API: sends, statuses and opt-ins, for the authenticated account only. */
@WebService(
        serviceName = "SmsService",
        portName = "SmsPort",
        targetNamespace = "http://smsswitch.org/api/v1",
        wsdlLocation = "classpath:wsdl/SmsService.wsdl",
        endpointInterface = "org.smsswitch.api.ws.SmsPortType")
public class SmsEndpoint implements SmsPortType {
    private static final int MAX_PROOF = 1000;
    private static final int MAX_REASON = 400;
    private static final int MAX_TAG_NAME = 64;
    private static final int MAX_TAG_VALUE = 255;

    private final SendService sends;
    private final BulkSendService bulk;
    private final CancelService cancels;
    private final StatusService statuses;
    private final OptInService optIns;
    private final OmsService oms;
    private final NumberService numbers;

    public SmsEndpoint(SendService sends, BulkSendService bulk, CancelService cancels, StatusService statuses,
            OptInService optIns, OmsService oms, NumberService numbers) {
        this.oms = oms;
        this.numbers = numbers;
        this.sends = sends;
        this.bulk = bulk;
        this.cancels = cancels;
        this.statuses = statuses;
        this.optIns = optIns;
    }

    @Override
    public SendResponse send(Send request) throws InvalidRequestFault, NotFoundFault, AccessDeniedFault,
            NotImplementedFault, ServiceUnavailableFault {
        return SmsFaults.call("Send", () -> {
            Account caller = Callers.current();
            MessageView view = sends.send(caller, new SendCommand(request.getShortCode(), request.getKeyword(),
                    request.getTo(), request.getText(), Times.toInstant(request.getSendTime()),
                    request.getClientRef(), request.getCampaignId()));
            SendResponse response = new SendResponse();
            response.setStatus(toXml(view));
            return response;
        });
    }

    @Override
    public GetStatusResponse getStatus(GetStatus request) throws InvalidRequestFault, NotFoundFault,
            AccessDeniedFault, NotImplementedFault, ServiceUnavailableFault {
        return SmsFaults.call("GetStatus", () -> {
            Account caller = Callers.current();
            boolean byIds = !request.getMessageId().isEmpty();
            boolean byBatch = request.getBatchId() != null;
            boolean byCursor = request.getCursor() != null;
            int ways = (byIds ? 1 : 0) + (byBatch ? 1 : 0) + (byCursor ? 1 : 0);
            if (ways != 1) {
                throw new SwitchException(ways == 0 ? ErrorCode.MISSING_FIELD : ErrorCode.INVALID_FIELD, "messageId",
                        "Give exactly one of: messageId (one or more), batchId, cursor.");
            }
            if (request.getMaxResults() != null && !byCursor) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, "maxResults",
                        "maxResults pages a cursor's changes; it goes with cursor only.");
            }
            GetStatusResponse response = new GetStatusResponse();
            if (byIds) {
                statuses.byIds(caller.id(), request.getMessageId()).forEach(v -> response.getStatus().add(toXml(v)));
            } else if (byBatch) {
                for (StatusService.StatusCount c : statuses.batchCounts(caller.id(), request.getBatchId())) {
                    StatusCount x = new StatusCount();
                    x.setImmediateStatus(ImmediateStatus.fromValue(c.immediateStatus().label()));
                    x.setDeliveryStatus(DeliveryStatus.fromValue(c.deliveryStatus().label()));
                    x.setCount(Math.toIntExact(c.count()));
                    response.getCount().add(x);
                }
            } else {
                StatusService.FeedPage page = statuses.changes(caller.id(), request.getCursor(),
                        request.getMaxResults());
                page.changes().forEach(v -> response.getStatus().add(toXml(v)));
                response.setNextCursor(page.nextCursor());
            }
            return response;
        });
    }

    @Override
    public SendListResponse sendList(SendList request) throws InvalidRequestFault, NotFoundFault,
            AccessDeniedFault, NotImplementedFault, ServiceUnavailableFault {
        return SmsFaults.call("SendList", () -> {
            Account caller = Callers.current();
            BulkSendService.BatchReceipt receipt = bulk.sendList(caller, new BulkSendService.ListCommand(
                    request.getShortCode(), request.getKeyword(), request.getText(),
                    Times.toInstant(request.getSendTime()), request.getClientRef(), request.getTo(),
                    request.getCampaignId()));
            SendListResponse response = new SendListResponse();
            response.setBatchId(Long.toString(receipt.batchId()));
            response.setAccepted(receipt.queued());
            response.setRefused(receipt.refused());
            for (BulkSendService.NumberOutcome o : receipt.outcomes()) {
                NumberResult x = new NumberResult();
                x.setTo(o.to());
                if (o.error() != null) {
                    x.setError(SmsFaults.detail(o.error()));
                } else {
                    x.setMessageId(Long.toString(o.messageId()));
                    x.setImmediateStatus(ImmediateStatus.fromValue(o.status().label()));
                }
                response.getResult().add(x);
            }
            return response;
        });
    }

    @Override
    public SubscriptionResponse subscription(Subscription request) throws InvalidRequestFault, NotFoundFault,
            AccessDeniedFault, NotImplementedFault, ServiceUnavailableFault {
        return SmsFaults.call("Subscription", () -> {
            Account caller = Callers.current();
            BulkSendService.BatchReceipt receipt = bulk.subscription(caller, new BulkSendService.SubscriptionCommand(
                    request.getShortCode(), request.getKeyword(), request.getText(),
                    Times.toInstant(request.getSendTime()), request.getClientRef(), tags(request.getTag())));
            SubscriptionResponse response = new SubscriptionResponse();
            response.setBatchId(Long.toString(receipt.batchId()));
            response.setRecipients(receipt.queued());
            return response;
        });
    }

    @Override
    public CancelSendResponse cancelSend(CancelSend request) throws InvalidRequestFault, NotFoundFault,
            AccessDeniedFault, NotImplementedFault, ServiceUnavailableFault {
        return SmsFaults.call("CancelSend", () -> {
            Account caller = Callers.current();
            if (request.getBatchId() != null && request.getMessageId() != null) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, "batchId",
                        "Give either messageId or batchId, not both.");
            }
            CancelSendResponse response = new CancelSendResponse();
            if (request.getBatchId() != null) {
                response.setCancelled(cancels.cancelBatch(caller.id(), request.getBatchId()));
                return response;
            }
            if (request.getMessageId() == null) {
                throw SwitchException.missing("messageId");
            }
            cancels.cancel(caller.id(), request.getMessageId());
            response.setCancelled(1);
            return response;
        });
    }

    @Override
    public OptInResponse optIn(OptIn request) throws InvalidRequestFault, NotFoundFault, AccessDeniedFault,
            NotImplementedFault, ServiceUnavailableFault {
        return SmsFaults.call("OptIn", () -> {
            Account caller = Callers.current();
            SwitchException.requireText(request.getShortCode(), "shortCode");
            SwitchException.requireText(request.getKeyword(), "keyword");
            if (request.getKind() == null) {
                throw SwitchException.missing("kind");
            }
            SwitchException.requireText(request.getProof(), "proof");
            if (request.getProof().length() > MAX_PROOF) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, "proof",
                        "proof has at most " + MAX_PROOF + " characters.");
            }
            Map<String, String> tags = tags(request.getTag());
            NumberList list = NumberList.parse(request.getNumber(), "number", OptInService.MAX_NUMBERS);
            // The welcome goes with the queue's bulk sends: a list of opt-ins does not hold up others.
            OptInService.Welcome welcome = Boolean.TRUE.equals(request.isSendWelcome())
                    ? (s, k, number, now) -> SendService.queueOwn(s, k.account().id(), k.shortCode().id(), number,
                            k.welcomeText(), SendService.PRIORITY_BULK, now)
                    : null;
            optIns.optInAll(caller, request.getShortCode(), request.getKeyword(), list.numbers(),
                    OptInKind.valueOf(request.getKind().name()), request.getProof(), tags, welcome);
            OptInResponse response = new OptInResponse();
            response.setOptedIn(list.numbers().size());
            for (int i = 0; i < list.input().size(); i++) {
                if (list.problem(i) != null) {
                    NumberResult x = new NumberResult();
                    x.setTo(list.input().get(i));
                    x.setError(SmsFaults.detail(list.problem(i)));
                    response.getResult().add(x);
                }
            }
            return response;
        });
    }

    /** Tags as a client gave them: names unique, both parts within their columns. */
    private static Map<String, String> tags(List<Tag> given) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag t : given) {
            SwitchException.requireText(t.getName(), "tag");
            String name = t.getName().strip();
            String value = t.getValue() == null ? "" : t.getValue().strip();
            if (name.length() > MAX_TAG_NAME || value.length() > MAX_TAG_VALUE) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, "tag", "A tag has a name of at most "
                        + MAX_TAG_NAME + " characters and a value of at most " + MAX_TAG_VALUE + ".");
            }
            if (tags.put(name, value) != null) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, "tag", "Tag " + name + " is given twice.");
            }
        }
        return tags;
    }

    @Override
    public CheckOptInResponse checkOptIn(CheckOptIn request) throws InvalidRequestFault, NotFoundFault,
            AccessDeniedFault, NotImplementedFault, ServiceUnavailableFault {
        return SmsFaults.call("CheckOptIn", () -> {
            Account caller = Callers.current();
            String number = PhoneNumber.parse(request.getNumber(), "number");
            String shortCode = request.getShortCode() == null || request.getShortCode().isBlank() ? null
                    : request.getShortCode().strip();
            CheckOptInResponse response = new CheckOptInResponse();
            response.setNumber(number);
            for (org.smsswitch.optin.OptIn o : optIns.check(caller, number, shortCode)) {
                KeywordOptIn x = new KeywordOptIn();
                x.setShortCode(o.keyword().shortCode().code());
                x.setKeyword(o.keyword().word());
                x.setActive(o.active());
                x.setKind(org.smsswitch.api.ws.OptInKind.valueOf(o.kind().name()));
                x.setOptInTime(Times.toXml(o.optedInAt()));
                x.setProof(o.proof());
                for (OptInTag t : o.tags()) {
                    Tag tag = new Tag();
                    tag.setName(t.name());
                    tag.setValue(t.value());
                    x.getTag().add(tag);
                }
                for (org.smsswitch.optin.OptInEvent e : o.history()) {
                    OptInEvent event = new OptInEvent();
                    event.setOptedIn(e.optedIn());
                    event.setTime(Times.toXml(e.occurredAt()));
                    event.setKind(e.kind() == null ? null : org.smsswitch.api.ws.OptInKind.valueOf(e.kind().name()));
                    event.setSource(e.source());
                    x.getHistory().add(event);
                }
                response.getOptIn().add(x);
            }
            oms.latest(caller, number, shortCode).ifPresent(v -> {
                OutageReportResult last = new OutageReportResult();
                last.setReportId(v.report().id());
                last.setShortCode(v.shortCode());
                last.setKeyword(v.keyword());
                last.setTime(Times.toXml(v.report().receivedAt()));
                last.setState(v.report().state().name());
                last.setOmsResult(v.report().omsResult());
                last.setOmsReply(v.report().omsReply());
                response.setLastOutageReport(last);
            });
            return response;
        });
    }

    @Override
    public ForceOptOutResponse forceOptOut(ForceOptOut request) throws InvalidRequestFault, NotFoundFault,
            AccessDeniedFault, NotImplementedFault, ServiceUnavailableFault {
        return SmsFaults.call("ForceOptOut", () -> {
            Account caller = Callers.current();
            String number = PhoneNumber.parse(request.getNumber(), "number");
            SwitchException.requireText(request.getShortCode(), "shortCode");
            String keyword = request.getKeyword() == null || request.getKeyword().isBlank() ? null
                    : request.getKeyword();
            if (request.getReason() != null && request.getReason().length() > MAX_REASON) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, "reason",
                        "reason has at most " + MAX_REASON + " characters.");
            }
            ForceOptOutResponse response = new ForceOptOutResponse();
            response.setOptedOut(optIns.forceOptOut(caller, number, request.getShortCode().strip(), keyword,
                    request.getReason()));
            return response;
        });
    }

    static MessageStatus toXml(MessageView v) {
        MessageStatus x = new MessageStatus();
        x.setMessageId(Long.toString(v.id()));
        x.setTo(v.destination());
        x.setShortCode(v.shortCode());
        x.setKeyword(v.keyword());
        x.setBatchId(v.batchId() == null ? null : Long.toString(v.batchId()));
        x.setClientRef(v.clientRef());
        x.setImmediateStatus(ImmediateStatus.fromValue(v.immediateStatus().label()));
        x.setImmediateStatusTime(Times.toXml(v.immediateAt()));
        x.setDeliveryStatus(DeliveryStatus.fromValue(v.deliveryStatus().label()));
        x.setDeliveryStatusTime(Times.toXml(v.deliveryAt()));
        x.setFinal(v.isFinal());
        x.setDetail(v.detail());
        x.setSegments(v.segments());
        x.setCreatedTime(Times.toXml(v.createdAt()));
        x.setSendTime(Times.toXml(v.sendAt()));
        x.setResubmissions(v.resubmissions());
        for (MessageView.Transition t : v.history()) {
            StatusTransition h = new StatusTransition();
            h.setTime(Times.toXml(t.at()));
            h.setImmediateStatus(ImmediateStatus.fromValue(t.immediateStatus().label()));
            h.setDeliveryStatus(DeliveryStatus.fromValue(t.deliveryStatus().label()));
            h.setFinal(t.isFinal());
            h.setDetail(t.detail());
            x.getHistory().add(h);
        }
        return x;
    }

    @Override
    public GetContractUsageResponse getContractUsage(GetContractUsage request) throws InvalidRequestFault,
            NotFoundFault, AccessDeniedFault, NotImplementedFault, ServiceUnavailableFault {
        return SmsFaults.call("GetContractUsage", () -> {
            NumberService.Usage usage = numbers.usage(Callers.current().username());
            GetContractUsageResponse response = new GetContractUsageResponse();
            response.setProvisionedNumbers(usage.provisionedNumbers());
            response.setMaxNumbers(usage.maxNumbers());
            usage.byOffice().forEach((office, count) -> {
                org.smsswitch.api.ws.OfficeUsage o = new org.smsswitch.api.ws.OfficeUsage();
                o.setOffice(office);
                o.setProvisionedNumbers(count);
                response.getOffice().add(o);
            });
            response.setUniqueContacts(usage.uniqueContacts());
            response.setMaxContacts(usage.maxContacts());
            return response;
        });
    }
}
