// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.vm.dao;

import java.util.List;

import org.nimbus.utils.db.GenericDaoBase;
import org.nimbus.vm.InstanceVO;

public class InstanceDaoImpl extends GenericDaoBase<InstanceVO, Long> implements InstanceDao {

    @Override
    protected Long assignId(InstanceVO entity, long next) {
        entity.setId(next);
        return next;
    }

    @Override
    public List<InstanceVO> listByZone(long zoneId) {
        return listBy(vm -> vm.getZoneId() == zoneId && vm.getRemoved() == null);
    }

    @Override
    public List<InstanceVO> listByHost(long hostId) {
        return listBy(vm -> vm.getHostId() != null && vm.getHostId() == hostId);
    }

    @Override
    public List<InstanceVO> search(String keyword, Long zoneId, String state) {
        return listBy(vm -> (keyword == null || vm.getName().contains(keyword))
                && (zoneId == null || vm.getZoneId() == zoneId)
                && (state == null || state.equalsIgnoreCase(vm.getState())));
    }
}
