package org.smsswitch.api;

import jakarta.jws.WebService;
import java.util.List;
import org.smsswitch.account.Account;
import org.smsswitch.api.ws.AccessDeniedFault;
import org.smsswitch.api.ws.CancelSend;
import org.smsswitch.api.ws.CancelSendResponse;
import org.smsswitch.api.ws.CheckOptIn;
import org.smsswitch.api.ws.CheckOptInResponse;
import org.smsswitch.api.ws.DeliveryStatus;
import org.smsswitch.api.ws.ForceOptOut;
import org.smsswitch.api.ws.ForceOptOutResponse;
import org.smsswitch.api.ws.GetStatus;
import org.smsswitch.api.ws.GetStatusResponse;
import org.smsswitch.api.ws.ImmediateStatus;
import org.smsswitch.api.ws.InvalidRequestFault;
import org.smsswitch.api.ws.MessageStatus;
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
import org.smsswitch.model.SwitchException;
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
    private final SendService sends;
    private final CancelService cancels;
    private final StatusService statuses;

    public SmsEndpoint(SendService sends, CancelService cancels, StatusService statuses) {
        this.sends = sends;
        this.cancels = cancels;
        this.statuses = statuses;
    }

    @Override
    public SendResponse send(Send request) throws InvalidRequestFault, NotFoundFault, AccessDeniedFault,
            NotImplementedFault, ServiceUnavailableFault {
        return SmsFaults.call("Send", () -> {
            Account caller = Callers.current();
            MessageView view = sends.send(caller, new SendCommand(request.getShortCode(), request.getKeyword(),
                    request.getTo(), request.getText(), Times.toInstant(request.getSendTime()),
                    request.getClientRef()));
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
                throw new SwitchException(ways == 0 ? org.smsswitch.model.ErrorCode.MISSING_FIELD
                        : org.smsswitch.model.ErrorCode.INVALID_FIELD, "messageId",
                        "Give exactly one of: messageId (one or more), batchId, cursor.");
            }
            if (!byIds) {
                throw SmsFaults.notImplemented("GetStatus by " + (byBatch ? "batchId" : "cursor"),
                        "it arrives with list sends");
            }
            List<MessageView> views = statuses.byIds(caller.id(), request.getMessageId());
            GetStatusResponse response = new GetStatusResponse();
            views.forEach(v -> response.getStatus().add(toXml(v)));
            return response;
        });
    }

    @Override
    public SendListResponse sendList(SendList request) throws InvalidRequestFault, NotFoundFault,
            AccessDeniedFault, NotImplementedFault, ServiceUnavailableFault {
        return notYet("SendList", "it arrives with list sends");
    }

    @Override
    public SubscriptionResponse subscription(Subscription request) throws InvalidRequestFault, NotFoundFault,
            AccessDeniedFault, NotImplementedFault, ServiceUnavailableFault {
        return notYet("Subscription", "it arrives with list sends");
    }

    @Override
    public CancelSendResponse cancelSend(CancelSend request) throws InvalidRequestFault, NotFoundFault,
            AccessDeniedFault, NotImplementedFault, ServiceUnavailableFault {
        return SmsFaults.call("CancelSend", () -> {
            Account caller = Callers.current();
            if (request.getBatchId() != null && request.getMessageId() != null) {
                throw new SwitchException(org.smsswitch.model.ErrorCode.INVALID_FIELD, "batchId",
                        "Give either messageId or batchId, not both.");
            }
            if (request.getBatchId() != null) {
                throw SmsFaults.notImplemented("CancelSend by batchId", "it arrives with list sends");
            }
            if (request.getMessageId() == null) {
                throw SwitchException.missing("messageId");
            }
            cancels.cancel(caller.id(), request.getMessageId());
            CancelSendResponse response = new CancelSendResponse();
            response.setCancelled(1);
            return response;
        });
    }

    @Override
    public OptInResponse optIn(OptIn request) throws InvalidRequestFault, NotFoundFault, AccessDeniedFault,
            NotImplementedFault, ServiceUnavailableFault {
        return notYet("OptIn", "it arrives with the keyword engine");
    }

    @Override
    public CheckOptInResponse checkOptIn(CheckOptIn request) throws InvalidRequestFault, NotFoundFault,
            AccessDeniedFault, NotImplementedFault, ServiceUnavailableFault {
        return notYet("CheckOptIn", "it arrives with the keyword engine");
    }

    @Override
    public ForceOptOutResponse forceOptOut(ForceOptOut request) throws InvalidRequestFault, NotFoundFault,
            AccessDeniedFault, NotImplementedFault, ServiceUnavailableFault {
        return notYet("ForceOptOut", "it arrives with the keyword engine");
    }

    /** An operation a later release provides: a NotImplemented fault, never a pretended success. */
    private static <T> T notYet(String operation, String when) throws InvalidRequestFault, NotFoundFault,
            AccessDeniedFault, NotImplementedFault, ServiceUnavailableFault {
        return SmsFaults.call(operation, () -> {
            Callers.current();
            throw SmsFaults.notImplemented(operation, when);
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
}
