package org.smsswitch.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smsswitch.api.admin.ws.CompletePortingRequest;
import org.smsswitch.api.admin.ws.CompletePortingRequestResponse;
import org.smsswitch.api.admin.ws.ListPortingRequests;
import org.smsswitch.api.admin.ws.ListPortingRequestsResponse;
import org.smsswitch.api.admin.ws.PortingDocument;
import org.smsswitch.api.admin.ws.PortingRejection;
import org.smsswitch.api.admin.ws.PortingState;
import org.smsswitch.api.admin.ws.RejectPortingRequest;
import org.smsswitch.api.admin.ws.RejectPortingRequestResponse;
import org.smsswitch.api.admin.ws.ServiceAddress;
import org.smsswitch.api.admin.ws.SubmitPortingRequest;
import org.smsswitch.api.admin.ws.SubmitPortingRequestResponse;
import org.smsswitch.numbers.PortingRequest;
import org.smsswitch.numbers.PortingService;

/** The admin API's porting operations, mapped to {@link PortingService}. */
final class PortingOperations {
    private static final Logger log = LoggerFactory.getLogger(PortingOperations.class);

    private final PortingService porting;

    PortingOperations(PortingService porting) {
        this.porting = porting;
    }

    SubmitPortingRequestResponse submitPortingRequest(SubmitPortingRequest r) {
        ServiceAddress a = r.getServiceAddress();
        PortingService.View v = porting.submit(new PortingService.Submission(r.getAccount(), r.getOffice(),
                r.getNumber(), r.getOwnerName(), a == null ? null
                        : new PortingService.Address(a.getStreet(), a.getCity(), a.getRegion(), a.getPostalCode()),
                r.getSignedBy(), Times.toDate(r.getSignedOn()), document(r.getAuthorization()),
                document(r.getCustomerServiceRecord()), Times.toDate(r.getBillDate()), document(r.getBill())));
        log.info("Operator {} submitted porting request {} for {} of {}", Callers.currentOperator().username(),
                v.request().id(), v.request().phoneNumber(), v.account());
        SubmitPortingRequestResponse response = new SubmitPortingRequestResponse();
        response.setRequest(xml(v));
        return response;
    }

    RejectPortingRequestResponse rejectPortingRequest(RejectPortingRequest r) {
        PortingService.View v = porting.reject(r.getPortingRequestId(), r.getReason() == null ? null
                : PortingRequest.Rejection.valueOf(r.getReason().value()), r.getNote());
        log.info("Operator {} recorded porting request {} rejected: {}", Callers.currentOperator().username(),
                v.request().id(), v.request().rejectionReason());
        RejectPortingRequestResponse response = new RejectPortingRequestResponse();
        response.setRequest(xml(v));
        return response;
    }

    CompletePortingRequestResponse completePortingRequest(CompletePortingRequest r) {
        PortingService.View v = porting.complete(r.getPortingRequestId());
        log.info("Operator {} completed porting request {}: {} is {}'s", Callers.currentOperator().username(),
                v.request().id(), v.request().phoneNumber(), v.account());
        CompletePortingRequestResponse response = new CompletePortingRequestResponse();
        response.setRequest(xml(v));
        return response;
    }

    ListPortingRequestsResponse listPortingRequests(ListPortingRequests r) {
        ListPortingRequestsResponse response = new ListPortingRequestsResponse();
        porting.list(r.getAccount(), r.getState() == null ? null : PortingRequest.State.valueOf(r.getState().value()))
                .forEach(v -> response.getRequest().add(xml(v)));
        return response;
    }

    private static PortingService.Document document(PortingDocument d) {
        return d == null ? null : new PortingService.Document(d.getFileName(), d.getContentType(), d.getContent());
    }

    private static org.smsswitch.api.admin.ws.PortingRequest xml(PortingService.View v) {
        PortingRequest r = v.request();
        org.smsswitch.api.admin.ws.PortingRequest x = new org.smsswitch.api.admin.ws.PortingRequest();
        x.setPortingRequestId(r.id());
        x.setAccount(v.account());
        x.setOffice(v.office());
        x.setNumber(r.phoneNumber());
        x.setOwnerName(r.ownerName());
        ServiceAddress a = new ServiceAddress();
        a.setStreet(r.address().street());
        a.setCity(r.address().city());
        a.setRegion(r.address().region());
        a.setPostalCode(r.address().postalCode());
        x.setServiceAddress(a);
        x.setSignedBy(r.signedBy());
        x.setSignedOn(Times.toXml(r.signedOn()));
        x.setBillDate(Times.toXml(r.billDate()));
        x.setState(PortingState.valueOf(r.state().name()));
        if (r.rejectionReason() != null) {
            x.setRejectionReason(PortingRejection.valueOf(r.rejectionReason().name()));
            x.setRejectionRemedy(r.rejectionReason().remedy());
        }
        x.setRejectionNote(r.rejectionNote());
        x.setSubmittedAt(Times.toXml(r.submittedAt()));
        x.setDecidedAt(Times.toXml(r.decidedAt()));
        return x;
    }
}
