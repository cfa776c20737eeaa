package org.smsswitch.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smsswitch.api.admin.ws.AddPoolNumbers;
import org.smsswitch.api.admin.ws.AddPoolNumbersResponse;
import org.smsswitch.api.admin.ws.ArchiveCampaign;
import org.smsswitch.api.admin.ws.ArchiveCampaignResponse;
import org.smsswitch.api.admin.ws.ConfigureNumberResponse;
import org.smsswitch.api.admin.ws.ConfigureNumberResponseResponse;
import org.smsswitch.api.admin.ws.CreateOffice;
import org.smsswitch.api.admin.ws.CreateOfficeResponse;
import org.smsswitch.api.admin.ws.GetContractUsage;
import org.smsswitch.api.admin.ws.GetContractUsageResponse;
import org.smsswitch.api.admin.ws.ListNumbers;
import org.smsswitch.api.admin.ws.ListNumbersResponse;
import org.smsswitch.api.admin.ws.MoveNumber;
import org.smsswitch.api.admin.ws.MoveNumberResponse;
import org.smsswitch.api.admin.ws.NumberKind;
import org.smsswitch.api.admin.ws.NumberState;
import org.smsswitch.api.admin.ws.OfficeUsage;
import org.smsswitch.api.admin.ws.ProvisionNumber;
import org.smsswitch.api.admin.ws.ProvisionNumberResponse;
import org.smsswitch.api.admin.ws.SetContractLimits;
import org.smsswitch.api.admin.ws.SetContractLimitsResponse;
import org.smsswitch.api.admin.ws.StartCampaign;
import org.smsswitch.api.admin.ws.StartCampaignResponse;
import org.smsswitch.numbers.Campaign;
import org.smsswitch.numbers.LongNumber;
import org.smsswitch.numbers.NumberService;

/** The admin API's long-number, campaign and contract-limit operations, mapped to {@link NumberService}. */
final class NumberOperations {
    private static final Logger log = LoggerFactory.getLogger(NumberOperations.class);

    private final NumberService numbers;

    NumberOperations(NumberService numbers) {
        this.numbers = numbers;
    }

    AddPoolNumbersResponse addPoolNumbers(AddPoolNumbers r) {
        int added = numbers.addToPool(r.getNumber());
        log.info("Operator {} added {} number(s) to the pool", operator(), added);
        AddPoolNumbersResponse response = new AddPoolNumbersResponse();
        response.setAdded(added);
        return response;
    }

    CreateOfficeResponse createOffice(CreateOffice r) {
        long id = numbers.createOffice(r.getAccount(), r.getOffice()).id();
        log.info("Operator {} created office '{}' of {}", operator(), r.getOffice(), r.getAccount());
        CreateOfficeResponse response = new CreateOfficeResponse();
        response.setOfficeId(id);
        return response;
    }

    ProvisionNumberResponse provisionNumber(ProvisionNumber r) {
        LongNumber.Kind kind = r.getKind() == null ? null : LongNumber.Kind.valueOf(r.getKind().value());
        NumberService.NumberView n = numbers.provision(r.getAccount(), r.getOffice(), kind, r.getNumber());
        log.info("Operator {} provisioned {} to {} ({}, {})", operator(), n.number(), n.account(), n.office(), kind);
        ProvisionNumberResponse response = new ProvisionNumberResponse();
        response.setNumber(xml(n));
        return response;
    }

    MoveNumberResponse moveNumber(MoveNumber r) {
        NumberService.NumberView n = numbers.move(r.getNumber(), r.getOffice());
        log.info("Operator {} moved {} to office '{}' of {}", operator(), n.number(), n.office(), n.account());
        MoveNumberResponse response = new MoveNumberResponse();
        response.setNumber(xml(n));
        return response;
    }

    StartCampaignResponse startCampaign(StartCampaign r) {
        Campaign c = numbers.startCampaign(r.getAccount(), r.getName(), r.getNumber());
        log.info("Operator {} started campaign {} '{}' of {} on {}", operator(), c.id(), c.name(), r.getAccount(),
                r.getNumber());
        StartCampaignResponse response = new StartCampaignResponse();
        response.setCampaignId(c.id());
        return response;
    }

    ArchiveCampaignResponse archiveCampaign(ArchiveCampaign r) {
        Campaign c = numbers.archive(r.getCampaignId());
        log.info("Operator {} archived campaign {}", operator(), c.id());
        ArchiveCampaignResponse response = new ArchiveCampaignResponse();
        response.setArchivedAt(Times.toXml(c.archivedAt()));
        return response;
    }

    SetContractLimitsResponse setContractLimits(SetContractLimits r) {
        numbers.limit(r.getAccount(), r.getMaxNumbers(), r.getMaxContacts());
        log.info("Operator {} set the contract limits of {}: maxNumbers {}, maxContacts {}", operator(),
                r.getAccount(), r.getMaxNumbers() == null ? "none" : r.getMaxNumbers(),
                r.getMaxContacts() == null ? "none" : r.getMaxContacts());
        return new SetContractLimitsResponse();
    }

    GetContractUsageResponse getContractUsage(GetContractUsage r) {
        NumberService.Usage usage = numbers.usage(r.getAccount());
        GetContractUsageResponse response = new GetContractUsageResponse();
        response.setProvisionedNumbers(usage.provisionedNumbers());
        response.setMaxNumbers(usage.maxNumbers());
        response.setUniqueContacts(usage.uniqueContacts());
        response.setMaxContacts(usage.maxContacts());
        usage.byOffice().forEach((office, count) -> {
            OfficeUsage o = new OfficeUsage();
            o.setOffice(office);
            o.setProvisionedNumbers(count);
            response.getOffice().add(o);
        });
        return response;
    }

    ConfigureNumberResponseResponse configureNumberResponse(ConfigureNumberResponse r) {
        NumberService.NumberView n = numbers.configureResponse(r.getNumber(), r.getResponse() == null ? null
                : LongNumber.Response.valueOf(r.getResponse().value()), r.getAutoReplyText(), r.getHelpText());
        log.info("Operator {} set what {} answers: {}", operator(), n.number(), n.response());
        ConfigureNumberResponseResponse response = new ConfigureNumberResponseResponse();
        response.setNumber(xml(n));
        return response;
    }

    ListNumbersResponse listNumbers(ListNumbers r) {
        ListNumbersResponse response = new ListNumbersResponse();
        numbers.list(r.getAccount()).forEach(n -> response.getNumber().add(xml(n)));
        return response;
    }

    private static org.smsswitch.api.admin.ws.LongNumber xml(NumberService.NumberView n) {
        org.smsswitch.api.admin.ws.LongNumber x = new org.smsswitch.api.admin.ws.LongNumber();
        x.setNumber(n.number());
        x.setState(NumberState.valueOf(n.state().name()));
        x.setAccount(n.account());
        x.setOffice(n.office());
        x.setKind(n.kind() == null ? null : NumberKind.valueOf(n.kind().name()));
        x.setProvisionedAt(n.provisionedAt() == null ? null : Times.toXml(n.provisionedAt()));
        x.setFirstUsedAt(n.firstUsedAt() == null ? null : Times.toXml(n.firstUsedAt()));
        x.setQuarantinedUntil(n.quarantinedUntil() == null ? null : Times.toXml(n.quarantinedUntil()));
        if (n.state() == LongNumber.State.PROVISIONED) {
            x.setResponse(org.smsswitch.api.admin.ws.NumberResponse.valueOf(n.response().name()));
            x.setAutoReplyText(n.autoReplyText());
            x.setHelpText(n.helpText());
        }
        return x;
    }

    private static String operator() {
        return Callers.currentOperator().username();
    }
}
